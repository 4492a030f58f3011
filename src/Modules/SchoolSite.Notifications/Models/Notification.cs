using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;

namespace SchoolSite.Notifications.Models;

/// <summary>An in-app notification, and the e-mail sent for it (retried until it goes).</summary>
public sealed class Notification
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Kind { get; set; }
    public string? ContentItemId { get; set; }
    public required string Subject { get; set; }
    public required string Message { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ReadUtc { get; set; }
    public string? Email { get; set; }
    public DateTime? EmailSentUtc { get; set; }
    public int EmailAttempts { get; set; }
    public DateTime? NextEmailAttemptUtc { get; set; }
    public string? EmailError { get; set; }
}

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public DbSet<Notification> Notifications => Set<Notification>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditOutbox();
        modelBuilder.Entity<Notification>(n =>
        {
            n.ToTable("notifications");
            n.Property(x => x.CreatedUtc).HasConversion(UtcTicks.Converter);
            n.Property(x => x.ReadUtc).HasConversion(UtcTicks.Converter);
            n.Property(x => x.EmailSentUtc).HasConversion(UtcTicks.Converter);
            n.Property(x => x.NextEmailAttemptUtc).HasConversion(UtcTicks.Converter);
        });
    }
}
