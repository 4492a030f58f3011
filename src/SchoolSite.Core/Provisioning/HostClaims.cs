using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SchoolSite.Core.Data;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Provisioning;

/// <summary>
/// Which host names a school may claim: the one check behind the command line, the API and the trust dashboard.
/// Not a host the trust answers on (SchoolSite:Hosts, the host of SchoolSite:PublicOrigin, the host the caller
/// reached the dashboard on): a school there would take over the dashboard and every school served by prefix, and
/// disabling it would leave them all unavailable. Not a host another school has, whatever the port.
/// </summary>
public sealed class HostClaims(IOptions<SchoolSiteOptions> options)
{
    /// <summary>The host names (without port) the trust answers on, by configuration.</summary>
    private readonly HashSet<string> _trustHosts = TrustHostsOf(options.Value);

    /// <summary>What is wrong with claiming each of <paramref name="hosts"/>, for the "hosts" field; empty when all are free.</summary>
    public async Task<string[]> RefusalsAsync(HostDbContext db, IReadOnlyList<string> hosts, TrustCaller caller, CancellationToken cancellationToken)
    {
        if (hosts.Count == 0)
        {
            return [];
        }
        var trust = new HashSet<string>(_trustHosts, StringComparer.Ordinal);
        if (caller.Host is { Length: > 0 } reachedOn)
        {
            trust.Add(NameOf(reachedOn));
        }
        // A trust has tens of schools: reading every claimed host is cheaper than a query per host, and compares names without ports.
        var claimed = await db.TenantHosts.AsNoTracking()
            .Join(db.Tenants, h => h.TenantName, t => t.Name, (h, t) => new { h.Host, t.DisplayName, t.Prefix })
            .ToListAsync(cancellationToken);
        var refusals = new List<string>();
        foreach (var host in hosts)
        {
            var name = NameOf(host);
            if (trust.Contains(name))
            {
                refusals.Add($"'{host}' is the trust dashboard's own address: a school there would take over the dashboard and every school "
                    + $"served at {name}/…. Give the school a host name of its own, or leave hosts empty and give it a URL prefix.");
            }
            else if (claimed.FirstOrDefault(c => NameOf(c.Host) == name) is { } other)
            {
                var where = other.Prefix is null ? name : $"{name}/{other.Prefix}/";
                refusals.Add($"'{host}' is already used by {other.DisplayName} (at {where}). Give the school a host name no other site uses.");
            }
        }
        return [.. refusals];
    }

    /// <summary>A host name without its port, lower-case ("Trust.Example:8443" → "trust.example").</summary>
    public static string NameOf(string host) => new HostString(host.Trim()).Host.ToLowerInvariant();

    private static HashSet<string> TrustHostsOf(SchoolSiteOptions options)
    {
        var hosts = new HashSet<string>(options.Hosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(NameOf), StringComparer.Ordinal);
        if (Uri.TryCreate(options.PublicOrigin, UriKind.Absolute, out var origin))
        {
            hosts.Add(origin.Host.ToLowerInvariant());
        }
        return hosts;
    }
}
