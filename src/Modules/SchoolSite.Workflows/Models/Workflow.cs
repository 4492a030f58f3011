using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;

namespace SchoolSite.Workflows.Models;

/// <summary>What a transition does besides changing the state.</summary>
public enum TransitionEffect { None, Submit, Check, Approve, Return, Publish, Unpublish }

/// <summary>
/// One step an item can take: from which states, to which, who may take it (a permission or one of some
/// roles) and the rules that must hold (the author may not check their own work…).
/// </summary>
public sealed record TransitionDefinition
{
    public required string Name { get; init; }
    public required string DisplayName { get; init; }
    public required IReadOnlyList<string> From { get; init; }
    public required string To { get; init; }
    public string? Permission { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];
    public bool RequiresComment { get; init; }
    public IReadOnlyList<string> Rules { get; init; } = [];
    public TransitionEffect Effect { get; init; }
}

/// <summary>A workflow type, as data from a recipe: its transitions and the content types it governs.</summary>
public sealed record WorkflowDefinition
{
    public required string Name { get; init; }
    public required string DisplayName { get; init; }
    public IReadOnlyList<string> ContentTypes { get; init; } = [];
    public required IReadOnlyList<TransitionDefinition> Transitions { get; init; }

    /// <summary>Where an item goes instead if it pictures pupils or names someone from the register (one-stage → two-stage).</summary>
    public string? EscalateTo { get; init; }

    /// <summary>The data protection officer is told when an item of this type is signed off (social media).</summary>
    public bool NotifyDpoOnApproval { get; init; }

    /// <summary>
    /// An administrator may publish an item of these types alone when it pictures and names no pupils, where the school's
    /// setting allows it or nobody else is on the staff yet (a new school). Items about pupils always need two people.
    /// </summary>
    public bool AdministratorMayPublishAlone { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> States => Transitions.SelectMany(t => t.From.Append(t.To)).Prepend(WorkflowStates.Draft).Distinct();
}

public static class WorkflowStates
{
    public const string Draft = "Draft";
    public const string Approved = "Approved";
    public const string Published = "Published";
}

public sealed class WorkflowTypeRecord
{
    public required string Name { get; set; }
    public required string Json { get; set; }
}

/// <summary>Where one content item is in its workflow, and who did what to the version under review.</summary>
public sealed class WorkflowInstance
{
    public required string ContentItemId { get; set; }
    public required string WorkflowType { get; set; }
    public required string State { get; set; }

    /// <summary>User ids of everyone who edited the item since it was last a fresh draft: none of them may check or approve it.</summary>
    public string Editors { get; set; } = string.Empty;

    public string? SubmittedBy { get; set; }
    public string? CheckedBy { get; set; }
    public string? CheckedHash { get; set; }
    public string? ApprovedBy { get; set; }

    /// <summary>The hash of the exact version approved: only that version can be published.</summary>
    public string? ApprovedHash { get; set; }

    public DateTime? PublishAtUtc { get; set; }
    public DateTime? UnpublishAtUtc { get; set; }
    public string? LastError { get; set; }
    public DateTime UpdatedUtc { get; set; }

    /// <summary>Bumped by every change; two people acting on the same state at once: one succeeds, the other is told.</summary>
    public int Revision { get; set; }

    public IReadOnlyList<string> EditorIds => Editors.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The item's history: every transition, with who, when, the comment and the version it applied to.</summary>
public sealed class WorkflowEvent
{
    public long Id { get; set; }
    public required string ContentItemId { get; set; }
    public required string Transition { get; set; }
    public required string FromState { get; set; }
    public required string ToState { get; set; }
    public string? ActorId { get; set; }
    public required string ActorName { get; set; }
    public string? Comment { get; set; }
    public string? VersionHash { get; set; }
    public DateTime AtUtc { get; set; }
}

public sealed class WorkflowDbContext(DbContextOptions<WorkflowDbContext> options) : DbContext(options)
{
    public DbSet<WorkflowTypeRecord> Types => Set<WorkflowTypeRecord>();
    public DbSet<WorkflowInstance> Instances => Set<WorkflowInstance>();
    public DbSet<WorkflowEvent> Events => Set<WorkflowEvent>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditOutbox();
        modelBuilder.Entity<WorkflowTypeRecord>(t =>
        {
            t.ToTable("workflow_types");
            t.HasKey(x => x.Name);
        });
        modelBuilder.Entity<WorkflowInstance>(i =>
        {
            i.ToTable("workflow_instances");
            i.HasKey(x => x.ContentItemId);
            i.Property(x => x.Revision).IsConcurrencyToken();
            i.Property(x => x.PublishAtUtc).HasConversion(UtcTicks.Converter);
            i.Property(x => x.UnpublishAtUtc).HasConversion(UtcTicks.Converter);
            i.Property(x => x.UpdatedUtc).HasConversion(UtcTicks.Converter);
            i.Ignore(x => x.EditorIds);
        });
        modelBuilder.Entity<WorkflowEvent>(e =>
        {
            e.ToTable("workflow_events");
            e.Property(x => x.AtUtc).HasConversion(UtcTicks.Converter);
        });
    }
}
