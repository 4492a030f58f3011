using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;

namespace SchoolSite.AuditTrail.Models;

/// <summary>How an entry's hash was made.</summary>
public enum AuditHashScheme
{
    /// <summary>Plain SHA-256, as entries were sealed before schools had keys: anyone with the database can recompute it.</summary>
    Sha256 = 0,

    /// <summary>HMAC-SHA256 with the school's key, which the trust keeps outside the school's database.</summary>
    SchoolKey = 1,
}

/// <summary>A recorded entry: one link of the school's hash chain.</summary>
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

    /// <summary>The hash of this entry's fields and the previous entry's hash: editing any entry breaks every link after it.</summary>
    public string Hash { get; set; } = string.Empty;

    /// <summary>Rows written before schools had keys say <see cref="AuditHashScheme.Sha256"/> (the column's default).</summary>
    public AuditHashScheme HashScheme { get; set; }

    /// <summary>The hash this entry should carry; a keyed entry needs the school's key.</summary>
    public string ComputeHash(byte[]? schoolKey)
    {
        var content = Encoding.UTF8.GetBytes(string.Join('\u001f',
            Sequence.ToString(CultureInfo.InvariantCulture),
            new DateTimeOffset(DateTime.SpecifyKind(RecordedUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            Actor, Category, Action, Subject, Before ?? "\u0000", After ?? "\u0000", PreviousHash));
        return Convert.ToHexStringLower(HashScheme switch
        {
            AuditHashScheme.Sha256 => SHA256.HashData(content),
            AuditHashScheme.SchoolKey => HMACSHA256.HashData(schoolKey ?? throw new ArgumentNullException(nameof(schoolKey)), content),
            _ => throw new InvalidOperationException($"Entry {Sequence} names an unknown hash scheme ({(int)HashScheme})."),
        });
    }
}

public sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options)
{
    public DbSet<AuditEvent> Events => Set<AuditEvent>();

    /// <summary>Entries written with their changes, waiting to be sealed into the chain.</summary>
    public DbSet<PendingAuditEntry> Outbox => Set<PendingAuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditOutbox();
        modelBuilder.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.Property(a => a.RecordedUtc).HasConversion(UtcTicks.Converter);
            e.HasIndex(a => a.Sequence);
        });
    }
}
