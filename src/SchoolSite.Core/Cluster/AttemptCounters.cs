using System.Collections.Concurrent;

namespace SchoolSite.Core.Cluster;

/// <summary>
/// Counts failed attempts (wrong carer links, and anything else that must slow a guesser) in a sliding window on the
/// application's clock. Shared by every node when there are several, so a guesser cannot spread tries across them.
/// </summary>
public interface IAttemptCounters
{
    /// <summary>How many attempts under <paramref name="key"/> fell within the last <paramref name="window"/> (at most <paramref name="cap"/>).</summary>
    Task<int> CountAsync(string key, TimeSpan window, int cap);

    /// <summary>Records an attempt under <paramref name="key"/>.</summary>
    Task RecordAsync(string key, TimeSpan window, int cap);
}

/// <summary>Counters in this process's memory: enough on one node.</summary>
public sealed class ProcessAttemptCounters(TimeProvider time) : IAttemptCounters
{
    // Every so many attempts, forget keys whose window has passed, so a stream of guesses cannot fill memory.
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Attempts> _attempts = new(StringComparer.Ordinal);
    private int _sinceSweep;

    public Task<int> CountAsync(string key, TimeSpan window, int cap)
    {
        if (!_attempts.TryGetValue(key, out var attempts))
        {
            return Task.FromResult(0);
        }
        lock (attempts)
        {
            Trim(attempts.Times, window);
            return Task.FromResult(Math.Min(cap, attempts.Times.Count));
        }
    }

    public Task RecordAsync(string key, TimeSpan window, int cap)
    {
        while (true)
        {
            var attempts = _attempts.GetOrAdd(key, _ => new Attempts(window));
            lock (attempts)
            {
                if (attempts.Removed)
                {
                    continue; // swept a moment ago: count in the new entry
                }
                Trim(attempts.Times, window);
                attempts.Times.Enqueue(time.GetUtcNow());
                // Only whether there were `cap` attempts in the window matters: the oldest beyond that can go.
                while (attempts.Times.Count > cap)
                {
                    attempts.Times.Dequeue();
                }
                break;
            }
        }
        if (Interlocked.Increment(ref _sinceSweep) % SweepEvery == 0)
        {
            Sweep();
        }
        return Task.CompletedTask;
    }

    private void Sweep()
    {
        foreach (var (key, attempts) in _attempts)
        {
            lock (attempts)
            {
                Trim(attempts.Times, attempts.Window);
                if (attempts.Times.Count == 0)
                {
                    attempts.Removed = true;
                    _attempts.TryRemove(new KeyValuePair<string, Attempts>(key, attempts));
                }
            }
        }
    }

    private void Trim(Queue<DateTimeOffset> times, TimeSpan window)
    {
        var since = time.GetUtcNow() - window;
        while (times.Count > 0 && times.Peek() < since)
        {
            times.Dequeue();
        }
    }

    private sealed class Attempts(TimeSpan window)
    {
        public TimeSpan Window { get; } = window;
        public Queue<DateTimeOffset> Times { get; } = new();
        public bool Removed { get; set; }
    }
}
