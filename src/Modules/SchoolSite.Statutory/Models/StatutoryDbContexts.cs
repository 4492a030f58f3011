using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;

namespace SchoolSite.Statutory.Models;

/// <summary>A school's own record of what meets each requirement, and the reminders it has sent.</summary>
public sealed class StatutoryDbContext(DbContextOptions<StatutoryDbContext> options) : DbContext(options)
{
    public DbSet<StatutoryLink> Links => Set<StatutoryLink>();
    public DbSet<StatutoryReminder> Reminders => Set<StatutoryReminder>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditOutbox();
        modelBuilder.Entity<StatutoryLink>(e =>
        {
            e.ToTable("statutory_links");
            e.Property(l => l.LinkedUtc).HasConversion(UtcTicks.Converter);
        });
        modelBuilder.Entity<StatutoryReminder>(e =>
        {
            e.ToTable("statutory_reminders");
            e.HasKey(r => r.RequirementKey);
            e.Property(r => r.SentUtc).HasConversion(UtcTicks.Converter);
        });
    }
}

/// <summary>The trust's requirements and its daily counts, in the trust's (host) database.</summary>
public sealed class StatutoryTrustDbContext(DbContextOptions<StatutoryTrustDbContext> options) : DbContext(options)
{
    public DbSet<RequirementRecord> Requirements => Set<RequirementRecord>();
    public DbSet<ComplianceSnapshot> Snapshots => Set<ComplianceSnapshot>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RequirementRecord>(e =>
        {
            e.ToTable("statutory_requirements");
            e.HasKey(r => r.Key);
        });
        modelBuilder.Entity<ComplianceSnapshot>(e =>
        {
            e.ToTable("statutory_snapshots");
            e.HasKey(s => new { s.Day, s.School });
        });
    }
}
