using StackExchange.Redis;

namespace SchoolSite.Core.Cluster.Redis;

/// <summary>
/// Locks and claims in Redis, shared by every node. A lock is a key holding its owner's token for a lease, so a node
/// that dies holding it lets go when the lease ends; it is released only by its owner.
/// </summary>
public sealed class RedisLocks(RedisLink link) : IClusterLocks
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(100);

    public async Task<IAsyncDisposable> AcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (await TryAcquireAsync(name, lease, cancellationToken) is { } held)
            {
                return held;
            }
            await Task.Delay(Retry, cancellationToken);
        }
    }

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var key = Key("lock", name);
        var token = link.NodeId + ":" + Guid.NewGuid().ToString("N");
        return await Database.LockTakeAsync(key, token, lease) ? new Held(Database, key, token) : null;
    }

    public Task<bool> TryClaimAsync(string name, TimeSpan period, CancellationToken cancellationToken = default)
        => Database.StringSetAsync(Key("claim", name), link.NodeId, period, When.NotExists);

    private IDatabase Database => link.Multiplexer.GetDatabase();

    private static RedisKey Key(string kind, string name) => $"schoolsite:{kind}:{name}";

    private sealed class Held(IDatabase database, RedisKey key, string token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await database.LockReleaseAsync(key, token);
            }
            catch (RedisException)
            {
                // Redis is away: the lease ends by itself.
            }
        }
    }
}
