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

    /// <summary>1, 2, 3…: a gap shows a deleted entry.</summary>
    public long Sequence { get; set; }

    public string PreviousHash { get; set; } = string.Empty;

    /// <summary>SHA-256 of this entry's fields and the previous entry's hash: editing any entry breaks every link after it.</summary>
    public string Hash { get; set; } = string.Empty;

    public string ComputeHash() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join('\u001f',
        Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        new DateTimeOffset(DateTime.SpecifyKind(RecordedUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        Actor, Category, Action, Subject, Before ?? "\u0000", After ?? "\u0000", PreviousHash))));
}

/// <summary>The first place the chain is broken, if any.</summary>
public sealed record AuditVerification(long Entries, long? BrokenAt, string? Problem)
{
    public bool Intact => BrokenAt is null;
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

    Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default);
}

/// <summary>One lock per school, so entries are chained one after another.</summary>
public sealed class AuditChainLocks
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    public SemaphoreSlim For(string tenant) => _locks.GetOrAdd(tenant, _ => new SemaphoreSlim(1, 1));
}

/// <summary>
/// The append-only table in the school's own database, as a hash chain: each entry carries the hash of
/// the one before, so editing or deleting a row is found by <see cref="VerifyAsync"/>. Writers in this
/// process take turns per school so the chain never forks.
/// </summary>
public sealed class SiteAuditLog(SiteDbContext db, TimeProvider time, Tenancy.TenantContext tenant, AuditChainLocks locks) : IAuditLog
{
    public Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default) => RecordManyAsync([entry], cancellationToken);

    public async Task RecordManyAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return;
        }
        var gate = locks.For(tenant.Tenant.Name);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var last = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
            var (sequence, previous) = last is null ? (0L, string.Empty) : (last.Sequence, last.Hash);
            // Millisecond precision: what the database keeps is what the hash covers.
            var now = DateTime.UnixEpoch.AddMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
            foreach (var entry in entries)
            {
                var row = new AuditEvent
                {
                    RecordedUtc = now,
                    Actor = entry.Actor,
                    Category = entry.Category,
                    Action = entry.Action,
                    Subject = entry.Subject,
                    Before = entry.Before,
                    After = entry.After,
                    Sequence = ++sequence,
                    PreviousHash = previous,
                };
                row.Hash = row.ComputeHash();
                previous = row.Hash;
                db.AuditEvents.Add(row);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Walks the chain from the first entry; reports the first entry that was edited, or where entries are missing.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var previous = string.Empty;
        var expected = 1L;
        var count = 0L;
        await foreach (var row in db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            if (row.Sequence != expected)
            {
                return new AuditVerification(count, expected, $"entry {expected} is missing (the next entry is {row.Sequence}).");
            }
            if (row.PreviousHash != previous)
            {
                return new AuditVerification(count, row.Sequence, $"entry {row.Sequence} does not follow entry {row.Sequence - 1}: an entry before it was changed or removed.");
            }
            if (row.ComputeHash() != row.Hash)
            {
                return new AuditVerification(count, row.Sequence, $"entry {row.Sequence} ({row.Category} {row.Action}, {row.Subject}) was changed after it was written.");
            }
            previous = row.Hash;
            expected++;
        }
        return new AuditVerification(count, null, null);
    }

    public async Task<IReadOnlyList<AuditEvent>> ForSubjectAsync(string subject, CancellationToken cancellationToken = default)
        => await db.AuditEvents.AsNoTracking().Where(e => e.Subject == subject).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
}
