using SchoolSite.Core.Events;

namespace SchoolSite.Workflows;

/// <summary>
/// A step in an item's review: submitted, checked, signed off, sent back, published by the scheduler or as an
/// emergency, or a scheduled publish that was refused. The Action names it; Before and After are the states.
/// </summary>
public sealed record ReviewStepTaken(string ContentItemId, string Actor, string Action, string? Before, string After) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "workflow", Action, "content:" + ContentItemId, Before, After);
}

/// <summary>The school's review workflows were defined or changed.</summary>
public sealed record WorkflowTypesChanged : ISchoolEvent;
