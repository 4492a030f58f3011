using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;

namespace SchoolSite.Contents.Models;

public sealed class ContentsDbContext(DbContextOptions<ContentsDbContext> options) : DbContext(options)
{
    public DbSet<ContentItem> ContentItems => Set<ContentItem>();
    public DbSet<ContentRedirect> Redirects => Set<ContentRedirect>();
    public DbSet<ContentDefinitionRecord> Definitions => Set<ContentDefinitionRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditOutbox();
        modelBuilder.Entity<ContentItem>(item =>
        {
            item.ToTable("content_items");
            item.Ignore(i => i.Content);
            item.Property(i => i.Revision).IsConcurrencyToken();
            item.Property(i => i.CreatedUtc).HasConversion(UtcTicks.Converter);
            item.Property(i => i.ModifiedUtc).HasConversion(UtcTicks.Converter);
            item.Property(i => i.PublishedUtc).HasConversion(UtcTicks.Converter);
            item.Property(i => i.DeletedUtc).HasConversion(UtcTicks.Converter);
        });
        modelBuilder.Entity<ContentRedirect>(redirect =>
        {
            redirect.ToTable("content_redirects");
            redirect.HasKey(r => r.Path);
        });
        modelBuilder.Entity<ContentDefinitionRecord>(definition =>
        {
            definition.ToTable("content_definitions");
            definition.Property(d => d.Id).ValueGeneratedNever();
        });
    }
}
