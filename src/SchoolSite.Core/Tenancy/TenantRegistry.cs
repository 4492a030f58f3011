using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SchoolSite.Core.Data;

namespace SchoolSite.Core.Tenancy;

/// <summary>A resolved request: the tenant and the URL prefix it was matched by (if any).</summary>
public readonly record struct TenantMatch(TenantInfo Tenant, string? MatchedPrefix);

/// <summary>
/// The trust's tenants, held in memory. Resolution is a few dictionary look-ups; the snapshot is
/// rebuilt only when the registry in the host database changes (see <see cref="TenantRegistryWatcher"/>).
/// </summary>
public sealed class TenantRegistry(IServiceScopeFactory scopes, IOptions<SchoolSiteOptions> options)
{
    private readonly FrozenSet<string> _hostTenantHosts = options.Value.Hosts
        .Select(h => h.ToLowerInvariant()).ToFrozenSet(StringComparer.Ordinal);

    private Snapshot _snapshot = Snapshot.Empty;

    public long Version => _snapshot.Version;

    public TenantInfo HostTenant { get; } = new(TenantDatabases.HostTenantName, "Trust dashboard", TenantState.Running,
        null, options.Value.Hosts, DateTime.UnixEpoch);

    public IReadOnlyCollection<TenantInfo> Schools => _snapshot.ByName.Values;

    public TenantInfo? Find(string name)
        => name == TenantDatabases.HostTenantName ? HostTenant : _snapshot.ByName.GetValueOrDefault(name);

    /// <summary>
    /// Orchard's order: host and prefix, then host, then prefix, else the trust dashboard. When the trust
    /// names its hosts (SchoolSite:Hosts), prefixes and the dashboard answer only on those hosts.
    /// </summary>
    public TenantMatch? Resolve(string host, string path)
    {
        var snapshot = _snapshot;
        host = host.ToLowerInvariant();
        var hostWithoutPort = host.Split(':')[0];
        var segment = FirstSegment(path);

        if (segment is not null)
        {
            if (snapshot.ByHostAndPrefix.TryGetValue(host + "/" + segment, out var tenant)
                || snapshot.ByHostAndPrefix.TryGetValue(hostWithoutPort + "/" + segment, out tenant))
            {
                return new TenantMatch(tenant, segment);
            }
        }
        if (snapshot.ByHost.TryGetValue(host, out var byHost) || snapshot.ByHost.TryGetValue(hostWithoutPort, out byHost))
        {
            return new TenantMatch(byHost, null);
        }
        // Schools with only a prefix live under the trust's own hosts; an unknown host reaches no one.
        if (_hostTenantHosts.Count > 0 && !_hostTenantHosts.Contains(host) && !_hostTenantHosts.Contains(hostWithoutPort))
        {
            return null;
        }
        if (segment is not null && snapshot.ByPrefix.TryGetValue(segment, out var byPrefix))
        {
            return new TenantMatch(byPrefix, segment);
        }
        return new TenantMatch(HostTenant, null);
    }

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var version = await db.RegistryVersions.AsNoTracking().Where(v => v.Id == 1).Select(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        var records = await db.Tenants.AsNoTracking().Include(t => t.Hosts).ToListAsync(cancellationToken);
        _snapshot = Snapshot.Build(version, records.Select(TenantInfo.From));
    }

    /// <summary>Reloads when another process (or this one) has changed the registry since the last load.</summary>
    public async Task<bool> RefreshIfChangedAsync(CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var version = await db.RegistryVersions.AsNoTracking().Where(v => v.Id == 1).Select(v => v.Version).FirstOrDefaultAsync(cancellationToken);
        if (version == _snapshot.Version)
        {
            return false;
        }
        await ReloadAsync(cancellationToken);
        return true;
    }

    private static string? FirstSegment(string path)
    {
        if (path.Length < 2 || path[0] != '/')
        {
            return null;
        }
        var end = path.IndexOf('/', 1);
        return (end < 0 ? path[1..] : path[1..end]).ToLowerInvariant();
    }

    private sealed record Snapshot(
        long Version,
        FrozenDictionary<string, TenantInfo> ByName,
        FrozenDictionary<string, TenantInfo> ByHostAndPrefix,
        FrozenDictionary<string, TenantInfo> ByHost,
        FrozenDictionary<string, TenantInfo> ByPrefix)
    {
        public static readonly Snapshot Empty = Build(-1, []);

        public static Snapshot Build(long version, IEnumerable<TenantInfo> tenants)
        {
            var list = tenants.ToList();
            var hostAndPrefix = new Dictionary<string, TenantInfo>(StringComparer.Ordinal);
            var host = new Dictionary<string, TenantInfo>(StringComparer.Ordinal);
            var prefix = new Dictionary<string, TenantInfo>(StringComparer.Ordinal);
            foreach (var tenant in list)
            {
                foreach (var h in tenant.Hosts)
                {
                    if (tenant.Prefix is null)
                    {
                        host[h] = tenant;
                    }
                    else
                    {
                        hostAndPrefix[h + "/" + tenant.Prefix] = tenant;
                    }
                }
                if (tenant.Hosts.Count == 0 && tenant.Prefix is not null)
                {
                    prefix[tenant.Prefix] = tenant;
                }
            }
            return new Snapshot(
                version,
                list.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal),
                hostAndPrefix.ToFrozenDictionary(StringComparer.Ordinal),
                host.ToFrozenDictionary(StringComparer.Ordinal),
                prefix.ToFrozenDictionary(StringComparer.Ordinal));
        }
    }
}
