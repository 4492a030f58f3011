using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;

namespace SchoolSite.Core.Events;

/// <summary>
/// An audited change's entry, written in the school's database in the same transaction as the change itself
/// (<see cref="SchoolEvents.Stage"/>), then moved into the audit chain by the audit trail. So a crash between the
/// change and its entry leaves both or neither: what is left here is recorded on the next write or by the job.
/// </summary>
public sealed class PendingAuditEntry
{
    public long Id { get; set; }
    public DateTime RecordedUtc { get; set; }
    public required string Actor { get; set; }
    public required string Category { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }

    public AuditEntry ToEntry() => new(Actor, Category, Action, Subject, Before, After);
}

public static class AuditOutboxModel
{
    public const string Table = "audit_outbox";

    /// <summary>Maps the outbox in a school DbContext, so that changes saved through it can carry their audit entries.</summary>
    public static ModelBuilder AddAuditOutbox(this ModelBuilder modelBuilder)
        => modelBuilder.Entity<PendingAuditEntry>(e =>
        {
            e.ToTable(Table);
            e.Property(p => p.RecordedUtc).HasConversion(UtcTicks.Converter);
        });
}

/// <summary>
/// An audited event that records something done rather than something stored (a sign-in, a refused publish): it has
/// no change to commit with, so it is recorded when raised.
/// </summary>
public interface IAuditedAction : IAuditedEvent;
