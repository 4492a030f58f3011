using SchoolSite.Core.Events;

namespace SchoolSite.Tenants;

/// <summary>A trust API key was created or revoked (the Action says which): whoever holds one can create and disable school sites.</summary>
public sealed record ApiKeyChanged(int KeyId, string Name, string Preview, string Actor, string Action) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "api-keys", Action, "api-key:" + KeyId, null, $"{Name} ({Preview}…)");
}
