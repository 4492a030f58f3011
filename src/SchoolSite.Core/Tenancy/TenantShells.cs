using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Data;
using SchoolSite.Core.Settings;

namespace SchoolSite.Core.Tenancy;

/// <summary>
/// Active tenants. A tenant is activated on its first request: its schema is brought up to date
/// (once per process, so an upgrade migrates each school on first use) and its features and settings
/// are read into memory. After that a request costs a dictionary look-up.
/// </summary>
public sealed class TenantShells(IServiceScopeFactory scopes, SchemaMigrator migrator, Modules.FeatureCatalog catalog, Cluster.INodeLink link, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, TenantShell> _shells = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _activation = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _migrated = new(StringComparer.Ordinal);
    // How often each school was released: a shell whose load overlapped a release is used once, not kept.
    private readonly ConcurrentDictionary<string, long> _releases = new(StringComparer.Ordinal);

    public async ValueTask<TenantShell> GetAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        if (_shells.TryGetValue(tenant.Name, out var shell) && ReferenceEquals(shell.Tenant, tenant) && shell.Epoch == link.Epoch)
        {
            return shell;
        }
        var gate = _activation.GetOrAdd(tenant.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (_shells.TryGetValue(tenant.Name, out shell) && ReferenceEquals(shell.Tenant, tenant) && shell.Epoch == link.Epoch)
            {
                return shell;
            }
            if (_migrated.TryAdd(tenant.Name, true))
            {
                await Task.Run(() => migrator.MigrateUp(tenant.Name), cancellationToken);
            }
            var releases = _releases.GetValueOrDefault(tenant.Name);
            shell = await LoadAsync(tenant, cancellationToken);
            shell.Used(time.GetUtcNow());
            if (_releases.GetValueOrDefault(tenant.Name) == releases)
            {
                _shells[tenant.Name] = shell;
            }
            return shell;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets a tenant's shell, e.g. after it is disabled or removed; the next request reloads it.</summary>
    public void Release(string tenantName)
    {
        _releases.AddOrUpdate(tenantName, 1, (_, count) => count + 1);
        _shells.TryRemove(tenantName, out _);
    }

    /// <summary>
    /// Forgets the schools nobody has visited since <paramref name="before"/> (nor since they were loaded, if background work
    /// loaded them), so a thousand quiet schools do not hold memory; the next visitor loads the school again. The trust's
    /// own dashboard stays. Returns the schools unloaded.
    /// </summary>
    public IReadOnlyList<string> UnloadIdle(DateTimeOffset before)
    {
        var unloaded = new List<string>();
        foreach (var (name, shell) in _shells)
        {
            if (!shell.Tenant.IsHost && shell.LastUsed < before && _shells.TryRemove(new KeyValuePair<string, TenantShell>(name, shell)))
            {
                _releases.AddOrUpdate(name, 1, (_, count) => count + 1);
                unloaded.Add(name);
            }
        }
        return unloaded;
    }

    /// <summary>Whether this node has the school in memory (and so has anything of it to forget).</summary>
    public bool IsActive(string tenantName) => _shells.ContainsKey(tenantName);

    private async Task<TenantShell> LoadAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant, null);
        var db = scope.ServiceProvider.GetRequiredService<SiteDbContext>();
        var features = await db.EnabledFeatures.AsNoTracking().Select(f => f.FeatureId).ToListAsync(cancellationToken);
        var settings = await SettingsStore.LoadAsync(db, cancellationToken);
        // A feature every site needs is on even where an older install never recorded it.
        return new TenantShell(tenant, features.Union(catalog.AlwaysEnabled(tenant.IsHost)), settings, link);
    }
}
