using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;

namespace SchoolSite.Tenants.Models;

/// <summary>A trust API key. Only its SHA-256 hash is stored; the key itself is shown once.</summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string KeyHash { get; set; }

    /// <summary>The first characters of the key, so people can tell keys apart.</summary>
    public required string Preview { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? LastUsedUtc { get; set; }
    public bool Revoked { get; set; }
}

/// <summary>The trust's own tables in the host database.</summary>
public sealed class TrustDbContext(DbContextOptions<TrustDbContext> options) : DbContext(options)
{
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditOutbox();
        modelBuilder.Entity<ApiKey>(key =>
        {
            key.ToTable("api_keys");
            key.HasIndex(k => k.KeyHash).IsUnique();
            key.Property(k => k.CreatedUtc).HasConversion(UtcTicks.Converter);
            key.Property(k => k.LastUsedUtc).HasConversion(UtcTicks.Converter);
        });
    }
}
