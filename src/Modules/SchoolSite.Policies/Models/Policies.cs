using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;

namespace SchoolSite.Policies.Models;

/// <summary>
/// The version of a policy staff must acknowledge. It moves on when a version that requires
/// acknowledgement is published, unless that version is a minor correction (with its reason).
/// </summary>
public sealed class PolicyVersion
{
    public required string ContentItemId { get; set; }
    public int Number { get; set; }
    public required string ContentItemVersionId { get; set; }
    public string? Label { get; set; }
    public bool RequiresAcknowledgement { get; set; }
    public DateTime PublishedUtc { get; set; }
}

/// <summary>"I have read and understood version N": who, which version, when.</summary>
public sealed class PolicyAcknowledgement
{
    public long Id { get; set; }
    public required string ContentItemId { get; set; }
    public int Number { get; set; }
    public required string UserId { get; set; }
    public DateTime AcknowledgedUtc { get; set; }
}

public sealed class PoliciesDbContext(DbContextOptions<PoliciesDbContext> options) : DbContext(options)
{
    public DbSet<PolicyVersion> Versions => Set<PolicyVersion>();
    public DbSet<PolicyAcknowledgement> Acknowledgements => Set<PolicyAcknowledgement>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditOutbox();
        modelBuilder.Entity<PolicyVersion>(v =>
        {
            v.ToTable("policy_versions");
            v.HasKey(x => x.ContentItemId);
            v.Property(x => x.PublishedUtc).HasConversion(UtcTicks.Converter);
        });
        modelBuilder.Entity<PolicyAcknowledgement>(a =>
        {
            a.ToTable("policy_acknowledgements");
            a.Property(x => x.AcknowledgedUtc).HasConversion(UtcTicks.Converter);
        });
    }
}
