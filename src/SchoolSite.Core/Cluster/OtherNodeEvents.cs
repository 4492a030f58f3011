using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SchoolSite.Core.Diagnostics;
using SchoolSite.Core.Events;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Cluster;

/// <summary>A change that replaces what a school's shell holds itself (its settings, its features): another node drops the shell.</summary>
public interface IShellChange : ISchoolEvent;

/// <summary>A change to the trust's list of schools (one created, disabled, enabled): another node reads the list again at once.</summary>
public interface IRegistryChange : ISchoolEvent;

/// <summary>
/// School events raised on another web node, handled here as if raised here, except by the handlers that must act
/// once for the installation (the audit trail): the same indexes are forgotten and the same cached pages evicted. A
/// school this node has not loaded holds nothing to forget. A change to the shell itself, or an event this node cannot
/// read, drops the school's shell, and with it every index and cached page of the school.
/// </summary>
public sealed class OtherNodeEvents(TenantRegistry registry, TenantShells shells, IServiceScopeFactory scopes, TimeProvider time,
    ILogger<OtherNodeEvents> logger)
{
    public async Task ApplyAsync(NodeMessage message, CancellationToken cancellationToken = default)
    {
        SchoolSiteMetrics.NodeEventLag((time.GetUtcNow() - message.Sent).TotalMilliseconds);
        if (message.Events?.Any(e => e is IRegistryChange) == true)
        {
            // Not waiting for the registry watcher's next look: a school made on another node serves here now.
            await registry.RefreshIfChangedAsync(cancellationToken);
        }
        if (!shells.IsActive(message.Tenant))
        {
            // Nothing of the school is in memory here; a load already under way is not kept.
            shells.Release(message.Tenant);
            return;
        }
        if (message.Events is null || message.Events.Any(e => e is IShellChange))
        {
            shells.Release(message.Tenant);
            if (message.Events is null)
            {
                logger.LogInformation("A change at {Tenant} on another node could not be read here: the school is reloaded from its database.", message.Tenant);
                return;
            }
        }
        if (registry.Find(message.Tenant) is not { } tenant)
        {
            shells.Release(message.Tenant);
            return;
        }
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant, await shells.GetAsync(tenant, cancellationToken));
            await scope.ServiceProvider.GetRequiredService<SchoolEvents>().RaiseFromOtherNodeAsync(message.DeclaredType!, message.Events, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Whatever the handlers did not get to forget, the whole school forgets.
            shells.Release(message.Tenant);
            logger.LogWarning(exception, "A change at {Tenant} on another node could not be handled here: the school is reloaded from its database.", message.Tenant);
        }
    }
}
