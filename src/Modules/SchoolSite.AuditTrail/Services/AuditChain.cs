using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SchoolSite.AuditTrail.Models;
using SchoolSite.Core.Events;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.AuditTrail.Services;

/// <summary>The first place the chain is broken, if any.</summary>
public sealed record AuditVerification(long Entries, long? BrokenAt, string? Problem)
{
    public bool Intact => BrokenAt is null;
}

/// <summary>One lock per school, so entries are chained one after another.</summary>
public sealed class AuditChainLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    public SemaphoreSlim For(string tenant) => _locks.GetOrAdd(tenant, _ => new SemaphoreSlim(1, 1));
}

/// <summary>
/// The append-only table in the school's own database, as a hash chain: each entry carries the hash of
/// the one before, so editing or deleting a row is found by <see cref="VerifyAsync"/>. Writers in this
/// process take turns per school so the chain never forks.
/// </summary>
public sealed class AuditChain(AuditDbContext db, TimeProvider time, TenantContext tenant, AuditChainLocks locks)
{
    public async Task AppendAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return;
        }
        var gate = locks.For(tenant.Tenant.Name);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var last = await db.Events.AsNoTracking().OrderByDescending(e => e.Sequence)
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
                db.Events.Add(row);
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
        await foreach (var row in db.Events.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
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

    public IQueryable<AuditEvent> Query() => db.Events.AsNoTracking();
}
