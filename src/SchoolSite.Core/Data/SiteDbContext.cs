using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Events;
namespace SchoolSite.Core.Data;

public sealed class EnabledFeature
{
    public required string FeatureId { get; set; }
}

/// <summary>The tenant's settings as one JSON document (a single row).</summary>
public sealed class SiteSettingsRecord
{
    public int Id { get; set; }
    public required string Json { get; set; }
}

/// <summary>The kernel's own tables in every tenant database.</summary>
public sealed class SiteDbContext(DbContextOptions<SiteDbContext> options) : DbContext(options)
{
    public DbSet<EnabledFeature> EnabledFeatures => Set<EnabledFeature>();
    public DbSet<SiteSettingsRecord> SiteSettings => Set<SiteSettingsRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditOutbox();
        modelBuilder.Entity<EnabledFeature>(e =>
        {
            e.ToTable("enabled_features");
            e.HasKey(f => f.FeatureId);
        });
        modelBuilder.Entity<SiteSettingsRecord>(e =>
        {
            e.ToTable("site_settings");
            e.Property(s => s.Id).ValueGeneratedNever();
        });
    }
}
