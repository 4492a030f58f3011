using SchoolSite.Core.Events;

namespace SchoolSite.Policies;

/// <summary>A policy version was published (or corrected), or a member of staff acknowledged one.</summary>
public sealed record PolicyRecorded(string ContentItemId, string Actor, string Action, string Description) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "policies", Action, "content:" + ContentItemId, null, Description);
}
