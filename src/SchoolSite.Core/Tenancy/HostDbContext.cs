using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;

namespace SchoolSite.Core.Tenancy;

/// <summary>A school in the trust's registry (host database).</summary>
public sealed class TenantRecord
{
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public TenantState State { get; set; }
    public string? Prefix { get; set; }
    public string? RecipeName { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public List<TenantHost> Hosts { get; set; } = [];
}

/// <summary>A request host claimed by one tenant; the primary key makes a host unique across the trust.</summary>
public sealed class TenantHost
{
    public required string Host { get; set; }
    public required string TenantName { get; set; }
}

/// <summary>One row, bumped on every registry change, so that other processes notice cheaply.</summary>
public sealed class RegistryVersion
{
    public int Id { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// When a job next has something to do at a school (null: nothing until something wakes it). The job runner reads the
/// rows that are due, so a school nobody is using is entered only when it has work (<see cref="Jobs.JobAlarms"/>).
/// </summary>
public sealed class JobAlarm
{
    public required string School { get; set; }
    public required string Job { get; set; }
    public DateTime? DueUtc { get; set; }
}

public sealed class HostDbContext(DbContextOptions<HostDbContext> options) : DbContext(options)
{
    public DbSet<TenantRecord> Tenants => Set<TenantRecord>();
    public DbSet<TenantHost> TenantHosts => Set<TenantHost>();
    public DbSet<RegistryVersion> RegistryVersions => Set<RegistryVersion>();
    public DbSet<JobAlarm> JobAlarms => Set<JobAlarm>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditOutbox();
        modelBuilder.Entity<TenantRecord>(tenant =>
        {
            tenant.ToTable("tenants");
            tenant.HasKey(t => t.Name);
            tenant.Property(t => t.State).HasConversion<string>();
            tenant.Property(t => t.CreatedUtc).HasConversion(UtcTicks.Converter);
            tenant.Property(t => t.UpdatedUtc).HasConversion(UtcTicks.Converter);
            tenant.HasMany(t => t.Hosts).WithOne().HasForeignKey(h => h.TenantName);
        });
        modelBuilder.Entity<TenantHost>(host =>
        {
            host.ToTable("tenant_hosts");
            host.HasKey(h => h.Host);
        });
        modelBuilder.Entity<RegistryVersion>(version => version.ToTable("registry_version"));
        modelBuilder.Entity<JobAlarm>(alarm =>
        {
            alarm.ToTable("job_alarms");
            alarm.HasKey(a => new { a.School, a.Job });
            alarm.Property(a => a.DueUtc).HasConversion(UtcTicks.Converter);
        });
    }
}
