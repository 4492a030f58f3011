using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace SchoolSite.Core.Cluster.Redis;

/// <summary>
/// Attempt counters in Redis, one sorted set of attempt times per key, trimmed to the window. If Redis cannot be asked,
/// the count is the cap: a guesser gets no free tries while the nodes cannot agree how many they have had.
/// </summary>
public sealed class RedisAttemptCounters(RedisLink link, TimeProvider time, ILogger<RedisAttemptCounters> logger) : IAttemptCounters
{
    public async Task<int> CountAsync(string key, TimeSpan window, int cap)
    {
        try
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var count = await Database.SortedSetLengthAsync(Key(key), now - (long)window.TotalMilliseconds, double.PositiveInfinity, Exclude.Start);
            return (int)Math.Min(cap, count);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not read attempt counts from Redis ({Error}): refusing for now.", exception.Message);
            return cap;
        }
    }

    public async Task RecordAsync(string key, TimeSpan window, int cap)
    {
        try
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var redisKey = Key(key);
            var batch = Database.CreateTransaction();
            _ = batch.SortedSetAddAsync(redisKey, Guid.NewGuid().ToString("N"), now);
            _ = batch.SortedSetRemoveRangeByScoreAsync(redisKey, double.NegativeInfinity, now - (long)window.TotalMilliseconds);
            // Only whether there were `cap` attempts in the window matters: the oldest beyond that can go.
            _ = batch.SortedSetRemoveRangeByRankAsync(redisKey, 0, -(cap + 1));
            _ = batch.KeyExpireAsync(redisKey, window);
            await batch.ExecuteAsync();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            logger.LogWarning("Could not record an attempt in Redis ({Error}).", exception.Message);
        }
    }

    private IDatabase Database => link.Multiplexer.GetDatabase();

    private static RedisKey Key(string key) => "schoolsite:attempts:" + key;
}
