using SchoolSite.Core.Events;

namespace SchoolSite.Core.Provisioning;

/// <summary>A school site was created, disabled or enabled (the Action says which): an entry in the trust's own audit trail.</summary>
public sealed record TenantChanged(string Tenant, string Actor, string Action, string? Before, string? After) : IAuditedEvent, Cluster.IRegistryChange
{
    public AuditEntry Audit => new(Actor, "tenants", Action, "tenant:" + Tenant, Before, After);
}
