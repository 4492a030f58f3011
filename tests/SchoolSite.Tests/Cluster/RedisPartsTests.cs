using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SchoolSite.Core.Cluster;
using SchoolSite.Core.Cluster.Redis;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Cluster;

/// <summary>A real Redis server for the tests of the parts several nodes share through it.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    public ServiceProcess Server { get; private set; } = null!;

    public string Configuration => $"127.0.0.1:{Server.Port}";

    /// <summary>A node's link to this Redis (each call is another node).</summary>
    public RedisLink Node(TimeProvider? time = null) => new(Configuration, time ?? TimeProvider.System, NullLogger<RedisLink>.Instance);

    public async Task InitializeAsync() => Server = await ScaleOutServices.StartRedisAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>
/// What two nodes share through Redis, each node its own connection: a run of work is claimed by one of them, a lock is
/// held by one at a time, and failed attempts on either count together.
/// </summary>
public sealed class RedisPartsTests(RedisServerFixture redis) : IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task A_run_of_a_job_is_claimed_by_one_node_for_its_period_then_by_whichever_asks_next()
    {
        await using var a = redis.Node();
        await using var b = redis.Node();
        var name = "job:Test:" + Guid.NewGuid().ToString("N");
        Assert.True(await new RedisLocks(a).TryClaimAsync(name, TimeSpan.FromMilliseconds(300)));
        Assert.False(await new RedisLocks(b).TryClaimAsync(name, TimeSpan.FromMilliseconds(300)));
        Assert.False(await new RedisLocks(a).TryClaimAsync(name, TimeSpan.FromMilliseconds(300)));
        // Redis ends the claim at the end of its period (its own clock): then the next asker has it.
        var claimed = false;
        for (var i = 0; i < 100 && !claimed; i++)
        {
            await Task.Delay(20);
            claimed = await new RedisLocks(b).TryClaimAsync(name, TimeSpan.FromMinutes(1));
        }
        Assert.True(claimed);
    }

    [Fact]
    public async Task A_lock_is_held_by_one_node_at_a_time_and_the_other_waits_for_it()
    {
        await using var a = redis.Node();
        await using var b = redis.Node();
        var name = "mail:" + Guid.NewGuid().ToString("N");
        var held = await new RedisLocks(a).AcquireAsync(name, TimeSpan.FromMinutes(1));
        Assert.Null(await new RedisLocks(b).TryAcquireAsync(name, TimeSpan.FromMinutes(1)));
        var waiting = new RedisLocks(b).AcquireAsync(name, TimeSpan.FromMinutes(1));
        Assert.False(waiting.IsCompleted);
        await held.DisposeAsync();
        await using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Null(await new RedisLocks(a).TryAcquireAsync(name, TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Wrong_carer_links_tried_on_two_nodes_count_together()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var a = redis.Node(clock);
        await using var b = redis.Node(clock);
        var onA = new SchoolSite.Consent.Services.LinkGuard(new RedisAttemptCounters(a, clock, NullLogger<RedisAttemptCounters>.Instance));
        var onB = new SchoolSite.Consent.Services.LinkGuard(new RedisAttemptCounters(b, clock, NullLogger<RedisAttemptCounters>.Instance));
        var school = "school-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < SchoolSite.Consent.Services.LinkGuard.MaxFailures; i++)
        {
            Assert.False(await (i % 2 == 0 ? onA : onB).FailedAsync(school, "abcdefabcdef", "203.0.113.7"));
        }
        // Ten tries spread over both nodes: the eleventh is refused on either.
        Assert.True(await onA.IsLockedAsync(school, "abcdefabcdef", "203.0.113.7"));
        Assert.True(await onB.IsLockedAsync(school, "abcdefabcdef", "203.0.113.7"));
        Assert.True(await onB.FailedAsync(school, "other000000", "203.0.113.7"));
        Assert.False(await onA.IsLockedAsync(school, "abcdefabcdef", "198.51.100.1"));
        // The window passes on the application's clock.
        clock.Advance(SchoolSite.Consent.Services.LinkGuard.Window + TimeSpan.FromSeconds(1));
        Assert.False(await onA.IsLockedAsync(school, "abcdefabcdef", "203.0.113.7"));
    }

    [Fact]
    public async Task An_event_sent_by_one_node_reaches_the_other_in_the_order_sent_and_not_itself()
    {
        await using var a = redis.Node();
        await using var b = redis.Node();
        var heardByB = new System.Collections.Concurrent.ConcurrentQueue<NodeMessage>();
        var heardByA = new System.Collections.Concurrent.ConcurrentQueue<NodeMessage>();
        await b.SubscribeAsync(message =>
        {
            if (NodeMessage.Read(message.Message.ToString()) is { } read && read.Node != b.NodeId)
            {
                heardByB.Enqueue(read);
            }
            return Task.CompletedTask;
        });
        await a.SubscribeAsync(message =>
        {
            if (NodeMessage.Read(message.Message.ToString()) is { } read && read.Node != a.NodeId)
            {
                heardByA.Enqueue(read);
            }
            return Task.CompletedTask;
        });
        Assert.True(a.InSync);
        Assert.True(b.InSync);
        for (var i = 0; i < 20; i++)
        {
            a.Publish("oak", typeof(PersonChanged), [new PersonChanged("person-" + i)]);
        }
        for (var i = 0; i < 200 && heardByB.Count < 20; i++)
        {
            await Task.Delay(10);
        }
        Assert.Equal(Enumerable.Range(0, 20).Select(i => "person-" + i), heardByB.Select(m => ((PersonChanged)m.Events!.Single()).PersonId));
        Assert.All(heardByB, m => Assert.Equal("oak", m.Tenant));
        Assert.Empty(heardByA);
    }
}
