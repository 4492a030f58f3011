using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SchoolSite.Core.Cluster.Redis;

/// <summary>Hears the other nodes' school events over Redis, one at a time in the order sent, and applies them here.</summary>
public sealed class RedisEventReceiver(RedisLink link, OtherNodeEvents events, ILogger<RedisEventReceiver> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => link.SubscribeAsync(async message =>
    {
        if (NodeMessage.Read(message.Message.ToString()) is not { } read || read.Node == link.NodeId)
        {
            return;
        }
        try
        {
            await events.ApplyAsync(read);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "A school event from another node could not be applied at {Tenant}.", read.Tenant);
        }
    });

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
