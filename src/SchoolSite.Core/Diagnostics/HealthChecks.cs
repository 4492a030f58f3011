using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SchoolSite.Core.Cluster;
using SchoolSite.Core.Data;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Diagnostics;

/// <summary>Tags of the health checks: <see cref="Ready"/> ones decide whether a node should be sent requests.</summary>
public static class HealthTags
{
    public const string Ready = "ready";
}

/// <summary>The trust's database answers (every request resolves its school from the registry kept there).</summary>
public sealed class DatabaseHealth(HostDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("The trust's database answers.")
            : HealthCheckResult.Unhealthy("The trust's database does not answer.");
}

/// <summary>
/// The trust's database is at this version's schema. Asked at most every half minute: the check builds a migration
/// runner per module.
/// </summary>
public sealed class MigrationsHealth(SchemaMigrator migrator, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Remember = TimeSpan.FromSeconds(30);
    private (DateTimeOffset At, bool Pending)? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_last is not { } last || now - last.At > Remember || last.Pending)
        {
            var pending = await Task.Run(() => migrator.HasPending(TenantDatabases.HostTenantName), cancellationToken);
            _last = last = (now, pending);
        }
        return last.Pending
            ? HealthCheckResult.Unhealthy("The trust's database has migrations still to run.")
            : HealthCheckResult.Healthy("No migrations are waiting.");
    }
}

/// <summary>
/// Whether this node hears the others. Without Redis it fails closed (pictures of people and pages are rebuilt from
/// the database on every request), so it can still serve: degraded, not down.
/// </summary>
public sealed class NodeLinkHealth(INodeLink link) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(link switch
        {
            SingleNode => HealthCheckResult.Healthy("One node: no Redis is needed."),
            { InSync: true } => HealthCheckResult.Healthy("Redis connected: this node hears every change made on the others."),
            _ => HealthCheckResult.Degraded("Redis is not reachable: nothing is served from memory (pictures and pages are rebuilt from the database) until it is back."),
        });
}
