using SchoolSite.Media.Services;

namespace SchoolSite.Tests.Media;

/// <summary>Uploads beyond the limit wait their turn instead of all decoding at once.</summary>
public sealed class ProcessingGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task No_more_than_the_limit_are_processed_at_once_and_the_next_starts_when_one_finishes()
    {
        var gate = new ProcessingGate(2);
        var running = 0;
        var most = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new SemaphoreSlim(0);
        int Hold()
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            entered.Release();
            release.Task.Wait();
            Interlocked.Decrement(ref running);
            return now;
        }

        var first = Task.Run(() => gate.RunAsync(Hold, CancellationToken.None));
        var second = Task.Run(() => gate.RunAsync(Hold, CancellationToken.None));
        Assert.True(await entered.WaitAsync(Patience));
        Assert.True(await entered.WaitAsync(Patience));

        // With a turn free, the work would run before RunAsync returns; both turns are taken, so it waits.
        var thirdRan = false;
        var third = gate.RunAsync(() => thirdRan = true, CancellationToken.None);
        var fourth = Task.Run(() => gate.RunAsync(Hold, CancellationToken.None));
        Assert.False(third.IsCompleted);
        Assert.False(thirdRan);

        release.SetResult();
        await Task.WhenAll(first, second, third, fourth).WaitAsync(Patience);
        Assert.True(thirdRan);
        Assert.Equal(2, most);
    }

    [Fact]
    public async Task An_upload_waiting_for_its_turn_stops_waiting_when_the_uploader_goes_away()
    {
        var gate = new ProcessingGate(1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var busy = Task.Run(() => gate.RunAsync(() =>
        {
            entered.SetResult();
            release.Task.Wait();
            return 0;
        }, CancellationToken.None));
        await entered.Task.WaitAsync(Patience);

        using var goneAway = new CancellationTokenSource();
        var ran = false;
        var waiting = gate.RunAsync(() => ran = true, goneAway.Token);
        goneAway.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        release.SetResult();
        await busy.WaitAsync(Patience);
        Assert.False(ran);
        // The cancelled wait took no turn: the next upload still gets one.
        Assert.True(await gate.RunAsync(() => true, CancellationToken.None).WaitAsync(Patience));
    }

    [Fact]
    public void The_limit_must_let_at_least_one_upload_through()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new ProcessingGate(0));
        Assert.Contains(ProcessingGate.Setting, error.Message);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
