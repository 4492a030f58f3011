using System.Collections.Concurrent;

namespace SchoolSite.Core.Cluster;

/// <summary>
/// Work that must happen once across the installation, whichever nodes run: a scheduled publish, a reminder, sending a
/// school's mail, provisioning a school, migrating a database. On one node these are in-process; on several, Redis.
/// </summary>
public interface IClusterLocks
{
    /// <summary>Waits until this node holds <paramref name="name"/> (for at most <paramref name="lease"/>, in case it dies holding it).</summary>
    Task<IAsyncDisposable> AcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>Holds <paramref name="name"/> if nobody does; null when another holds it (the caller skips the work).</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims one run of periodic work for <paramref name="period"/>: true for the first node to ask in that period,
    /// false for every other. On one node every claim succeeds (the runner keeps its own timetable).
    /// </summary>
    Task<bool> TryClaimAsync(string name, TimeSpan period, CancellationToken cancellationToken = default);
}

/// <summary>Locks within this process: enough when it is the only node.</summary>
public sealed class ProcessLocks : IClusterLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable> AcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var gate = _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Held(gate);
    }

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        var gate = _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(TimeSpan.Zero, cancellationToken) ? new Held(gate) : null;
    }

    public Task<bool> TryClaimAsync(string name, TimeSpan period, CancellationToken cancellationToken = default) => Task.FromResult(true);

    private sealed class Held(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
            return ValueTask.CompletedTask;
        }
    }
}
