using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;

namespace SchoolSite.Core.Audit;

/// <summary>Something that happened that a school must be able to account for: who, what, to what, before and after.</summary>
public sealed record AuditEntry(string Actor, string Category, string Action, string Subject, string? Before = null, string? After = null);

/// <summary>A recorded entry.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }
    public DateTime RecordedUtc { get; set; }
    public required string Actor { get; set; }
    public required string Category { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
}

/// <summary>
/// The school's audit log: consent, people, picture and publishing events. Everything writes through
/// this one interface so that a tamper-evident trail can replace the store without touching callers.
/// </summary>
public interface IAuditLog
{
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Records several entries in one write, for batches such as an import of the whole register.</summary>
    Task RecordManyAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AuditEvent>> ForSubjectAsync(string subject, CancellationToken cancellationToken = default);
}

/// <summary>The append-only table in the school's own database.</summary>
public sealed class SiteAuditLog(SiteDbContext db, TimeProvider time) : IAuditLog
{
    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default) => RecordManyAsync([entry], cancellationToken);

    public async Task RecordManyAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow().UtcDateTime;
        db.AuditEvents.AddRange(entries.Select(entry => new AuditEvent
        {
            RecordedUtc = now,
            Actor = entry.Actor,
            Category = entry.Category,
            Action = entry.Action,
            Subject = entry.Subject,
            Before = entry.Before,
            After = entry.After,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEvent>> ForSubjectAsync(string subject, CancellationToken cancellationToken = default)
        => await db.AuditEvents.AsNoTracking().Where(e => e.Subject == subject).OrderBy(e => e.Id).ToListAsync(cancellationToken);
}
