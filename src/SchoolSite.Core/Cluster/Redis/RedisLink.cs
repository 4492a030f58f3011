using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SchoolSite.Core.Events;
using StackExchange.Redis;

namespace SchoolSite.Core.Cluster.Redis;

/// <summary>
/// This node's connection to the installation's Redis, and what it knows from it. It is in sync only while every
/// connection to Redis is up and the node is subscribed to the other nodes' events; the moment a connection fails it
/// is out of sync (so nothing is answered from memory), and when all are back the epoch moves on (so everything cached
/// before is dropped: events sent while this node could not hear are lost to it). Events raised here are sent in the
/// order they were raised; while Redis is away they wait and go when it is back.
/// </summary>
public sealed class RedisLink : INodeLink, IAsyncDisposable, IDisposable
{
    public static readonly RedisChannel EventsChannel = RedisChannel.Literal("schoolsite:events");

    private readonly ILogger<RedisLink> _logger;
    private readonly TimeProvider _time;
    private readonly Channel<string> _outgoing = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HashSet<ConnectionType> _failed = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sending;
    private volatile bool _subscribed;
    private long _epoch;
    private int _disposed;

    public RedisLink(string configuration, TimeProvider time, ILogger<RedisLink> logger)
    {
        _time = time;
        _logger = logger;
        var options = ConfigurationOptions.Parse(configuration);
        // Start even when Redis is down (out of sync until it is reachable), and come back by itself.
        options.AbortOnConnectFail = false;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        options.ClientName ??= "schoolsite-" + NodeId[..8];
        Multiplexer = ConnectionMultiplexer.Connect(options);
        Multiplexer.ConnectionFailed += (_, e) => Failed(e.ConnectionType, e.Exception);
        Multiplexer.ConnectionRestored += (_, e) => Restored(e.ConnectionType);
        _sending = Task.Run(() => SendAsync(_stop.Token));
    }

    /// <summary>This process among the nodes: its own events coming back over the channel are ignored.</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    public IConnectionMultiplexer Multiplexer { get; }

    public bool InSync
    {
        get
        {
            if (!_subscribed || !Multiplexer.IsConnected)
            {
                return false;
            }
            lock (_failed)
            {
                return _failed.Count == 0;
            }
        }
    }

    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>Subscribes to the other nodes' events (a web node; the command line only sends).</summary>
    public async Task SubscribeAsync(Func<ChannelMessage, Task> receive)
    {
        var queue = await Multiplexer.GetSubscriber().SubscribeAsync(EventsChannel);
        queue.OnMessage(receive);
        _subscribed = true;
    }

    public void Publish(string tenant, Type declaredType, IReadOnlyList<ISchoolEvent> events)
    {
        if (NodeMessage.Write(NodeId, tenant, declaredType, events, _time.GetUtcNow()) is { } message)
        {
            _outgoing.Writer.TryWrite(message);
        }
    }

    private async Task SendAsync(CancellationToken stop)
    {
        var subscriber = Multiplexer.GetSubscriber();
        await foreach (var message in _outgoing.Reader.ReadAllAsync(stop))
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await subscriber.PublishAsync(EventsChannel, message);
                    break;
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
                {
                    // Held, in order, until Redis is back: another node must hear of a withdrawal, however late.
                    _logger.LogWarning("Could not send a school event to the other nodes ({Error}); trying again.", exception.Message);
                    await Task.Delay(TimeSpan.FromMilliseconds(500), stop);
                }
            }
        }
    }

    private void Failed(ConnectionType type, Exception? exception)
    {
        lock (_failed)
        {
            _failed.Add(type);
        }
        _logger.LogWarning("Lost Redis ({Connection}: {Error}): pictures of people and cached pages are not served from memory until it is back.",
            type, exception?.Message);
    }

    private void Restored(ConnectionType type)
    {
        bool whole;
        lock (_failed)
        {
            _failed.Remove(type);
            whole = _failed.Count == 0;
            if (whole)
            {
                // Before anyone sees InSync again: what was cached before the outage is dropped.
                Interlocked.Increment(ref _epoch);
            }
        }
        if (whole)
        {
            _logger.LogInformation("Redis is back: caches from before the outage are dropped.");
        }
    }

    /// <summary>For a container disposed synchronously (the command line's host).</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Sends what is still waiting (for a few seconds at most: a command-line run ends here), then closes.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        _outgoing.Writer.TryComplete();
        if (await Task.WhenAny(_sending, Task.Delay(TimeSpan.FromSeconds(5))) != _sending)
        {
            _logger.LogWarning("School events not yet sent to the other nodes when closing: they reload the schools when their link to Redis next changes.");
        }
        await _stop.CancelAsync();
        try
        {
            await _sending;
        }
        catch (OperationCanceledException)
        {
        }
        await Multiplexer.DisposeAsync();
        _stop.Dispose();
    }
}
