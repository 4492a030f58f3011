using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;

namespace SchoolSite.AuditTrail.Models;

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

    /// <summary>SHA-256 of this entry's fields and the previous entry's hash: editing any entry breaks every link after it.</summary>
    public string Hash { get; set; } = string.Empty;

    public string ComputeHash() => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
        Sequence.ToString(CultureInfo.InvariantCulture),
        new DateTimeOffset(DateTime.SpecifyKind(RecordedUtc, DateTimeKind.Utc)).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        Actor, Category, Action, Subject, Before ?? "\u0000", After ?? "\u0000", PreviousHash))));
}

public sealed class AuditDbContext(DbContextOptions<AuditDbContext> options) : DbContext(options)
{
    public DbSet<AuditEvent> Events => Set<AuditEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.Property(a => a.RecordedUtc).HasConversion(UtcTicks.Converter);
            e.HasIndex(a => a.Sequence);
        });
}
