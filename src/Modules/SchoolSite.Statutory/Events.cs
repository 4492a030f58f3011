using SchoolSite.Core.Events;

namespace SchoolSite.Statutory;

/// <summary>Someone said which page (or outside link) meets a requirement, or took that back.</summary>
public sealed record StatutoryLinksChanged(string RequirementKey, string Actor, string Action, string Description) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "statutory", Action, "requirement:" + RequirementKey, null, Description);
}

/// <summary>The trust's list of requirements changed (its recipe ran): every school's checklist reads it again.</summary>
public sealed record StatutoryRequirementsChanged(int Count) : ISchoolEvent;
