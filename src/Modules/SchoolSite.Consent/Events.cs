using SchoolSite.Core.Events;

namespace SchoolSite.Consent;

// What happens in the register besides a person's own change (that is the kernel's PersonChanged).

/// <summary>The school's consent purposes or their lawful basis changed.</summary>
public sealed record ConsentPurposesChanged : ISchoolEvent;

/// <summary>A carer's secure link was issued ("link-issued") or withdrawn ("link-revoked").</summary>
public sealed record ConsentLinkChanged(string PersonId, string Actor, string Action, string Description) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "consent", Action, "person:" + PersonId, null, Description);
}

/// <summary>Copies of a person's pictures outside the website were put on the takedown list ("takedown-opened"), or one was marked done ("takedown-done").</summary>
public sealed record TakedownRecorded(string PersonId, string Actor, string Action, string Description) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "consent", Action, "person:" + PersonId, null, Description);
}
