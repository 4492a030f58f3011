using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Events;

namespace SchoolSite.Site.Models;

/// <summary>A school's own version of one of the theme's templates.</summary>
public sealed class TemplateOverride
{
    public required string Name { get; set; }
    public required string Source { get; set; }
}

public sealed class TemplatesDbContext(DbContextOptions<TemplatesDbContext> options) : DbContext(options)
{
    public DbSet<TemplateOverride> Templates => Set<TemplateOverride>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditOutbox();
        modelBuilder.Entity<TemplateOverride>(t =>
        {
            t.ToTable("theme_templates");
            t.HasKey(x => x.Name);
        });
    }
}
