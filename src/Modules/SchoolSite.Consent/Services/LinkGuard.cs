using System.Net;
using System.Net.Sockets;
using SchoolSite.Core.Cluster;

namespace SchoolSite.Consent.Services;

/// <summary>
/// Counts wrong carer-link tokens per school in a sliding window on the application's clock, twice: per token lookup
/// prefix and caller (that link's start, tried from there), and per caller. Keyed on the caller's own address as the
/// trust's proxies report it (SchoolSite:KnownProxies), so carers behind one proxy are not one caller. The counts are
/// the installation's (<see cref="IAttemptCounters"/>): on several web nodes a guesser cannot spread tries across them.
/// </summary>
public sealed class LinkGuard(IAttemptCounters counters)
{
    public const int MaxFailures = 10;
    public const int LookupLength = 12;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

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
    public async Task<bool> IsLockedAsync(string school, string lookup, string caller)
        => await counters.CountAsync(LinkKey(school, lookup, caller), Window, MaxFailures) >= MaxFailures;

    /// <summary>Records a wrong token; true when the caller had already used up their tries (so this one is refused as too many).</summary>
    public async Task<bool> FailedAsync(string school, string lookup, string caller)
    {
        var callerKey = "link|" + school + "|" + caller;
        var alreadyLocked = await counters.CountAsync(callerKey, Window, MaxFailures) >= MaxFailures;
        await counters.RecordAsync(LinkKey(school, lookup, caller), Window, MaxFailures);
        await counters.RecordAsync(callerKey, Window, MaxFailures);
        return alreadyLocked;
    }

    private static string LinkKey(string school, string lookup, string caller) => "link|" + school + "|" + caller + "|" + lookup;
}
