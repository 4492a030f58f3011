using SchoolSite.Core.Events;

namespace SchoolSite.Core.Modules;

/// <summary>A feature was enabled or disabled (the Action says which): what a school can do, and what protects it, changes with it.</summary>
public sealed record FeatureChanged(string FeatureId, string FeatureName, string Actor, string Action) : IAuditedEvent, Cluster.IShellChange
{
    public AuditEntry Audit => new(Actor, "features", Action, "feature:" + FeatureId, null, FeatureName);
}
