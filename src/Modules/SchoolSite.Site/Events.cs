using SchoolSite.Core.Events;

namespace SchoolSite.Site;

/// <summary>A school saved or reset its own version of a template.</summary>
public sealed record TemplatesChanged(string Template, string Actor, string Action) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "site", Action, "template:" + Template);
}
