using Microsoft.EntityFrameworkCore;

namespace SchoolSite.Policies.Models;

/// <summary>One policy page as the trust words it: the content item a school starts from, as JSON.</summary>
public sealed class PolicyTemplate
{
    public required string Key { get; set; }
    public int Position { get; set; }
    public required string Item { get; set; }
}

/// <summary>The Policies module's table in the trust's (host) database.</summary>
public sealed class PoliciesTrustDbContext(DbContextOptions<PoliciesTrustDbContext> options) : DbContext(options)
{
    public DbSet<PolicyTemplate> Templates => Set<PolicyTemplate>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<PolicyTemplate>(e =>
        {
            e.ToTable("policy_templates");
            e.HasKey(t => t.Key);
        });
}
