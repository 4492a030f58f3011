using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace SchoolSite.Consent.Services;

/// <summary>
/// Counts wrong carer-link tokens per school in a sliding window on the application's clock, twice: per token lookup
/// prefix and caller (that link's start, tried from there), and per caller. Keyed on the caller's own address as the
/// trust's proxies report it (SchoolSite:KnownProxies), so carers behind one proxy are not one caller.
/// </summary>
public sealed class LinkGuard(TimeProvider time)
{
    public const int MaxFailures = 10;
    public const int LookupLength = 12;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    // Every so many failures, forget callers whose window has passed, so a stream of guesses cannot fill memory.
    private const int SweepEvery = 1024;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private int _sinceSweep;

    /// <summary>The part of a token a guesser would keep while trying endings (its first characters after the kind prefix).</summary>
    public static string LookupPrefixOf(string? token, string kind)
    {
        var body = token is null ? string.Empty : token.StartsWith(kind, StringComparison.Ordinal) ? token[kind.Length..] : token;
        return body[..Math.Min(LookupLength, body.Length)];
    }

    /// <summary>Who is asking: an IPv4 address, or an IPv6 /64 (one household or one machine can hold the whole /64).</summary>
    public static string CallerOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>Whether tokens starting with <paramref name="lookup"/> are refused to this caller for now.</summary>
    public bool IsLocked(string school, string lookup, string caller) => Count(LinkKey(school, lookup, caller)) >= MaxFailures;

    /// <summary>Records a wrong token; true when the caller had already used up their tries (so this one is refused as too many).</summary>
    public bool Failed(string school, string lookup, string caller)
    {
        var callerKey = school + "|" + caller;
        var alreadyLocked = Count(callerKey) >= MaxFailures;
        Record(LinkKey(school, lookup, caller));
        Record(callerKey);
        if (Interlocked.Increment(ref _sinceSweep) % SweepEvery == 0)
        {
            Sweep();
        }
        return alreadyLocked;
    }

    private static string LinkKey(string school, string lookup, string caller) => school + "|" + caller + "|" + lookup;

    private int Count(string key)
    {
        if (!_failures.TryGetValue(key, out var failures))
        {
            return 0;
        }
        lock (failures)
        {
            Trim(failures.Times);
            return failures.Times.Count;
        }
    }

    private void Record(string key)
    {
        while (true)
        {
            var failures = _failures.GetOrAdd(key, _ => new Failures());
            lock (failures)
            {
                if (failures.Removed)
                {
                    continue; // swept a moment ago: count in the new entry
                }
                Trim(failures.Times);
                failures.Times.Enqueue(time.GetUtcNow());
                // Only whether there were MaxFailures in the window matters: the oldest beyond that can go.
                while (failures.Times.Count > MaxFailures)
                {
                    failures.Times.Dequeue();
                }
                return;
            }
        }
    }

    private void Sweep()
    {
        foreach (var (key, failures) in _failures)
        {
            lock (failures)
            {
                Trim(failures.Times);
                if (failures.Times.Count == 0)
                {
                    failures.Removed = true;
                    _failures.TryRemove(new KeyValuePair<string, Failures>(key, failures));
                }
            }
        }
    }

    private void Trim(Queue<DateTimeOffset> times)
    {
        var since = time.GetUtcNow() - Window;
        while (times.Count > 0 && times.Peek() < since)
        {
            times.Dequeue();
        }
    }

    private sealed class Failures
    {
        public Queue<DateTimeOffset> Times { get; } = new();
        public bool Removed { get; set; }
    }
}
