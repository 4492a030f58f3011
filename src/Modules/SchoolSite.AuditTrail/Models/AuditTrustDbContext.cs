using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;

namespace SchoolSite.AuditTrail.Models;

/// <summary>A school's audit key, as the trust keeps it: protected at rest, never in the school's own database.</summary>
public sealed class AuditKey
{
    public required string Tenant { get; set; }
    public required string ProtectedKey { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>The trust's record of how far a school's chain reached after its last write.</summary>
public sealed class AuditHead
{
    public required string Tenant { get; set; }
    public long Sequence { get; set; }
    public required string Hash { get; set; }

    /// <summary>The first entry written with the school's key: from here on, an unkeyed entry was rewritten.</summary>
    public long KeyedFrom { get; set; }

    public DateTime UpdatedUtc { get; set; }
}

/// <summary>The audit trail's tables in the trust's (host) database.</summary>
public sealed class AuditTrustDbContext(DbContextOptions<AuditTrustDbContext> options) : DbContext(options)
{
    public DbSet<AuditKey> Keys => Set<AuditKey>();
    public DbSet<AuditHead> Heads => Set<AuditHead>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditKey>(e =>
        {
            e.ToTable("audit_keys");
            e.HasKey(k => k.Tenant);
            e.Property(k => k.CreatedUtc).HasConversion(UtcTicks.Converter);
        });
        modelBuilder.Entity<AuditHead>(e =>
        {
            e.ToTable("audit_heads");
            e.HasKey(h => h.Tenant);
            e.Property(h => h.UpdatedUtc).HasConversion(UtcTicks.Converter);
        });
    }
}
