using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SchoolSite.Core.Cluster.Redis;

namespace SchoolSite.Core.Cluster;

public static class ClusterServices
{
    /// <summary>Configuration key of the Redis connection (e.g. "redis.internal:6379,password=…"); unset means one node.</summary>
    public const string RedisKey = "SchoolSite:Redis";

    /// <summary>
    /// One node (the default): events, locks and attempt counts in this process. With <c>SchoolSite:Redis</c> set: the
    /// same through Redis, shared by every node of the installation.
    /// </summary>
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<OtherNodeEvents>();
        if (configuration[RedisKey] is not { Length: > 0 } redis)
        {
            services.AddSingleton<INodeLink, SingleNode>();
            services.AddSingleton<IClusterLocks, ProcessLocks>();
            services.AddSingleton<IAttemptCounters, ProcessAttemptCounters>();
            return services;
        }
        services.AddSingleton(sp => new RedisLink(redis, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<RedisLink>>()));
        services.AddSingleton<INodeLink>(sp => sp.GetRequiredService<RedisLink>());
        services.AddSingleton<IClusterLocks, RedisLocks>();
        services.AddSingleton<IAttemptCounters, RedisAttemptCounters>();
        services.AddHostedService<RedisEventReceiver>();
        return services;
    }

    public static bool HasRedis(IConfiguration configuration) => configuration[RedisKey] is { Length: > 0 };
}
