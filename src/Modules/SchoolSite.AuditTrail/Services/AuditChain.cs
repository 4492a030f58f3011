using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SchoolSite.AuditTrail.Models;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.AuditTrail.Services;

/// <summary>The first place the chain is broken, if any.</summary>
public sealed record AuditVerification(long Entries, long? BrokenAt, string? Problem)
{
    public bool Intact => BrokenAt is null;
}

/// <summary>
/// One queue per school in this process. The database's write lock is what keeps the chain whole across
/// processes; this only lets writers here wait their turn instead of polling SQLite's busy lock.
/// </summary>
public sealed class AuditChainLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new();

    public SemaphoreSlim For(string tenant) => _locks.GetOrAdd(tenant, _ => new SemaphoreSlim(1, 1));
}

/// <summary>
/// The append-only table in the school's own database, as a chain: each entry carries the hash of the one before
/// and is sealed with the school's key, which the trust keeps (<see cref="AuditKeys"/>); after each write the trust
/// records the chain's head (<see cref="AuditHeads"/>). So an edited, removed, recomputed or missing last entry is
/// found by <see cref="VerifyAsync"/>. Appends take the database's write lock, so the chain never forks.
/// </summary>
public sealed class AuditChain(
    AuditDbContext db,
    TenantDatabases databases,
    AuditKeys keys,
    AuditHeads heads,
    AuditChainLocks locks,
    TenantContext tenant,
    TimeProvider time,
    ILogger<AuditChain> logger)
{
    /// <summary>
    /// Seals into the chain, in one transaction, the entries waiting in the outbox (written with their changes, oldest
    /// first) and then <paramref name="entries"/> (actions with no change of their own), removing what it sealed from the outbox.
    /// </summary>
    /// <summary>Whether entries wait in the school's outbox for the chain.</summary>
    public Task<bool> HasOutboxAsync(CancellationToken cancellationToken = default) => db.Outbox.AnyAsync(cancellationToken);

    public async Task AppendAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0 && !await db.Outbox.AnyAsync(cancellationToken))
        {
            return;
        }
        var school = tenant.Tenant.Name;
        // Before the school's write lock: the trust's own chain keeps its key in the same database, and SQLite has one writer.
        var key = await keys.GetOrCreateAsync(school, cancellationToken);
        var gate = locks.For(school);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var (first, last, recorded) = await WriteAsync(entries, key, school, cancellationToken);
            if (last is not null && recorded)
            {
                await heads.AdvanceAsync(school, last.Sequence, last.Hash, keyedFrom: first, cancellationToken);
            }
        }
        finally
        {
            // A failed write must not leave its rows behind for the scope's next append to save.
            db.ChangeTracker.Clear();
            gate.Release();
        }
    }

    /// <summary>
    /// Writes the entries in one transaction holding the database's write lock from before the last entry is read.
    /// Says whether the chain still extends the head the trust recorded; when it does not, the head stays where it
    /// is, so that verify keeps reporting what happened rather than the trust accepting the shortened chain.
    /// </summary>
    private async Task<(long First, AuditEvent? Last, bool Recorded)> WriteAsync(
        IReadOnlyCollection<AuditEntry> entries, byte[] key, string school, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE unless asked for a deferred transaction: the write lock is held from here.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (databases.Provider == DatabaseProvider.PostgreSql)
        {
            // Plain reads (the viewer, verify) go on; another writer waits here until this one commits.
            await db.Database.ExecuteSqlRawAsync("lock table audit_events in exclusive mode", cancellationToken);
        }
        // Read under the lock: an outbox entry is sealed by exactly one writer, and removed in the same transaction.
        var waiting = await db.Outbox.OrderBy(p => p.Id).ToListAsync(cancellationToken);
        if (waiting.Count == 0 && entries.Count == 0)
        {
            return (0, null, false);
        }
        db.Outbox.RemoveRange(waiting);
        var last = await db.Events.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        var (sequence, previous) = last is null ? (0L, string.Empty) : (last.Sequence, last.Hash);
        var extendsRecord = await ExtendsRecordAsync(school, sequence, previous, cancellationToken);

        // Millisecond precision: what the database keeps is what the hash covers.
        var now = DateTime.UnixEpoch.AddMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var first = sequence + 1;
        AuditEvent? row = null;
        foreach (var (entry, at) in waiting.Select(w => (w.ToEntry(), Milliseconds(w.RecordedUtc))).Concat(entries.Select(e => (e, now))))
        {
            row = new AuditEvent
            {
                RecordedUtc = at,
                Actor = entry.Actor,
                Category = entry.Category,
                Action = entry.Action,
                Subject = entry.Subject,
                Before = entry.Before,
                After = entry.After,
                Sequence = ++sequence,
                PreviousHash = previous,
                HashScheme = AuditHashScheme.SchoolKey,
            };
            row.Hash = row.ComputeHash(key);
            previous = row.Hash;
            db.Events.Add(row);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (first, row!, extendsRecord);
    }

    private static DateTime Milliseconds(DateTime utc) => DateTime.UnixEpoch.AddMilliseconds(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds());

    /// <summary>Whether the chain ending at <paramref name="lastSequence"/> still holds the entry the trust last recorded as its head.</summary>
    private async Task<bool> ExtendsRecordAsync(string school, long lastSequence, string lastHash, CancellationToken cancellationToken)
    {
        if (await heads.FindAsync(school, cancellationToken) is not { } head)
        {
            return true;
        }
        var there = head.Sequence == lastSequence ? lastHash
            : head.Sequence > lastSequence ? null
            : await db.Events.AsNoTracking().Where(e => e.Sequence == head.Sequence).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken);
        if (there == head.Hash)
        {
            return true;
        }
        logger.LogWarning("The audit chain of {Tenant} no longer holds entry {Sequence} as the trust recorded it; its head stays there for audit verify to report.",
            school, head.Sequence);
        return false;
    }

    /// <summary>
    /// Walks the chain from the first entry and reports the first entry that is missing, written twice, edited,
    /// unkeyed where the chain is keyed, or not the one the trust recorded; then whether the chain stops short
    /// of the trust's record. Entries after the recorded head (a write whose record did not follow) are checked
    /// by their keyed hash like any other.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        // Changes whose entries are still waiting (the host stopped before sealing them) are sealed first: they belong there.
        await AppendAsync([], cancellationToken);
        var school = tenant.Tenant.Name;
        var head = await heads.FindAsync(school, cancellationToken);
        var key = await keys.FindAsync(school, cancellationToken);
        var previous = string.Empty;
        var expected = 1L;
        var count = 0L;
        var keyed = false;
        await foreach (var row in db.Events.AsNoTracking().OrderBy(e => e.Sequence).ThenBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            if (row.Sequence == expected - 1 && row.Sequence > 0)
            {
                return new AuditVerification(count, row.Sequence, $"there are two entries {row.Sequence}: two writers forked the chain there.");
            }
            if (row.Sequence != expected)
            {
                return new AuditVerification(count, expected, $"entry {expected} is missing (the next entry is {row.Sequence}).");
            }
            if (row.PreviousHash != previous)
            {
                return new AuditVerification(count, row.Sequence, $"entry {row.Sequence} does not follow entry {row.Sequence - 1}: an entry before it was changed or removed.");
            }
            if (Problem(row, key, keyed, head) is { } problem)
            {
                return new AuditVerification(count, row.Sequence, problem);
            }
            keyed |= row.HashScheme == AuditHashScheme.SchoolKey;
            previous = row.Hash;
            expected++;
        }
        var reached = expected - 1;
        if (head is not null && reached < head.Sequence)
        {
            var removed = reached == 0 ? "every entry was removed" : $"entries after {reached} were removed";
            return new AuditVerification(count, expected, $"{removed}: the trust recorded the chain up to {head.Sequence}.");
        }
        return new AuditVerification(count, null, null);
    }

    /// <summary>What is wrong with an entry that follows its predecessor, if anything.</summary>
    private static string? Problem(AuditEvent row, byte[]? key, bool keyedBefore, AuditHead? head)
    {
        var what = $"entry {row.Sequence} ({row.Category} {row.Action}, {row.Subject})";
        if (row.HashScheme == AuditHashScheme.Sha256 && (keyedBefore || head?.KeyedFrom <= row.Sequence))
        {
            // Only entries from before schools had keys may be unkeyed: anyone with the database can recompute those.
            return $"{what} is sealed without the school's key, but the chain was keyed {(keyedBefore ? "before it" : $"from entry {head!.KeyedFrom}")}: it was rewritten.";
        }
        if (row.HashScheme == AuditHashScheme.SchoolKey && key is null)
        {
            return $"{what} is sealed with the school's key, but the trust holds no key for this school.";
        }
        if (!Enum.IsDefined(row.HashScheme) || row.ComputeHash(key) != row.Hash)
        {
            return $"{what} was changed after it was written.";
        }
        if (head is not null && row.Sequence == head.Sequence && row.Hash != head.Hash)
        {
            return $"{what} is not the entry the trust recorded there: the chain up to it was recomputed or written again.";
        }
        return null;
    }

    public IQueryable<AuditEvent> Query() => db.Events.AsNoTracking();
}
