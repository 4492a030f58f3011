namespace SchoolSite.Core.Events;

/// <summary>What a school must be able to account for: who, what, to what, before and after.</summary>
public sealed record AuditEntry(string Actor, string Category, string Action, string Subject, string? Before = null, string? After = null);

/// <summary>An event the audit trail records. <see cref="Audit"/> is null when this particular change needs no entry.</summary>
public interface IAuditedEvent : ISchoolEvent
{
    AuditEntry? Audit { get; }
}
