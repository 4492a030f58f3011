using Microsoft.EntityFrameworkCore;
using SchoolSite.AuditTrail.Models;

namespace SchoolSite.AuditTrail.Services;

/// <summary>
/// The trust's record of each school's chain: the sequence and hash of its last entry after each write, kept in
/// the trust's database. A chain that stops short of it lost its last entries; one whose entry there differs was recomputed.
/// </summary>
public sealed class AuditHeads(IDbContextFactory<AuditTrustDbContext> trust, TimeProvider time)
{
    public async Task<AuditHead?> FindAsync(string tenant, CancellationToken cancellationToken = default)
    {
        await using var db = await trust.CreateDbContextAsync(cancellationToken);
        return await db.Heads.AsNoTracking().FirstOrDefaultAsync(h => h.Tenant == tenant, cancellationToken);
    }

    /// <summary>
    /// Records the chain's new head. Only forwards: a writer that committed before another but records after it
    /// must not move the head back. <paramref name="keyedFrom"/> counts only for a school's first record.
    /// </summary>
    public async Task AdvanceAsync(string tenant, long sequence, string hash, long keyedFrom, CancellationToken cancellationToken = default)
    {
        await using var db = await trust.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.Database.ExecuteSqlAsync($"""
            insert into audit_heads (tenant, sequence, hash, keyed_from, updated_utc) values ({tenant}, {sequence}, {hash}, {keyedFrom}, {now})
            on conflict (tenant) do update set sequence = excluded.sequence, hash = excluded.hash, updated_utc = excluded.updated_utc
            where audit_heads.sequence < excluded.sequence
            """, cancellationToken);
    }
}
