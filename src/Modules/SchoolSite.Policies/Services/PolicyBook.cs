using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Policies.Models;
using SchoolSite.Users.Models;

namespace SchoolSite.Policies.Services;

public enum ReviewStatus { Current, ReviewDue, Overdue }

/// <summary>A published policy as staff and leaders see it.</summary>
public sealed record PolicyInfo(ContentItem Item, string Audience, string? Owner, string? VersionLabel, DateOnly? EffectiveDate, DateOnly? NextReview,
    DateOnly? LastReviewed, string? Category, PolicyVersion? Version)
{
    public string Id => Item.ContentItemId;
    public string Title => Item.DisplayText;
    public bool StaffOnly => Audience == PolicyFields.Staff;
    public bool NeedsAcknowledgement => Version is { RequiresAcknowledgement: true };
}

/// <summary>One person's standing against a policy's current version.</summary>
public sealed record AcknowledgementRow(SchoolUser User, DateTime? AcknowledgedUtc);

public sealed record PolicyReport(PolicyInfo Policy, IReadOnlyList<AcknowledgementRow> Rows)
{
    public int Acknowledged => Rows.Count(r => r.AcknowledgedUtc is not null);
    public int Outstanding => Rows.Count - Acknowledged;
    public int Percent => Rows.Count == 0 ? 100 : (int)Math.Round(100.0 * Acknowledged / Rows.Count);
}

public enum AcknowledgeOutcome { Done, AlreadyDone, NotFound, NotRequired, Stale }

/// <summary>The PolicyPage fields, by name.</summary>
public static class PolicyFields
{
    public const string Type = "PolicyPage";
    public const string Public = "Public";
    public const string Staff = "Staff";

    public static string? Text(ContentItem item, string field) => ViewField(item, field, "Text");

    public static bool Flag(ContentItem item, string field) => item.Content[Type]?[field]?["Value"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static DateOnly? Date(ContentItem item, string field)
        => ViewField(item, field, "Value") is { } s && DateOnly.TryParse(s[..Math.Min(10, s.Length)], CultureInfo.InvariantCulture, out var d) ? d : null;

    private static string? ViewField(ContentItem item, string field, string property)
        => item.Content[Type]?[field]?[property] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}

/// <summary>
/// Policies and who has acknowledged them. "Active staff" are the school's users whose accounts are
/// enabled: someone who leaves (disabled) drops out of every count, and someone new has every current
/// policy to acknowledge from their first day.
/// </summary>
public sealed class PolicyBook(ContentQueries content, PoliciesDbContext db, UserManager<SchoolUser> users, TimeProvider time, TenantContext tenant, SchoolEvents events)
{
    public static readonly TimeSpan ReviewWarning = TimeSpan.FromDays(30);

    public async Task<IReadOnlyList<PolicyInfo>> PublishedAsync()
    {
        var items = (await content.PublishedAsync([PolicyFields.Type], 1, 500)).Items;
        var versions = await db.Versions.AsNoTracking().ToDictionaryAsync(v => v.ContentItemId);
        return items.Select(i => Read(i, versions.GetValueOrDefault(i.ContentItemId))).OrderBy(p => p.Title).ToList();
    }

    public async Task<PolicyInfo?> FindAsync(string id) => (await PublishedAsync()).FirstOrDefault(p => p.Id == id);

    public static PolicyInfo Read(ContentItem item, PolicyVersion? version) => new(item,
        PolicyFields.Text(item, "Audience") == PolicyFields.Staff ? PolicyFields.Staff : PolicyFields.Public,
        PolicyFields.Text(item, "Owner"), PolicyFields.Text(item, "VersionLabel"), PolicyFields.Date(item, "EffectiveDate"),
        PolicyFields.Date(item, "NextReviewDate"), PolicyFields.Date(item, "LastReviewed"), PolicyFields.Text(item, "Category"), version);

    public DateOnly Today => tenant.Shell.Settings.DateAt(time.GetUtcNow());

    public ReviewStatus StatusOf(PolicyInfo policy) => policy.NextReview switch
    {
        null => ReviewStatus.Current,
        { } due when due < Today => ReviewStatus.Overdue,
        { } due when due <= Today.AddDays((int)ReviewWarning.TotalDays) => ReviewStatus.ReviewDue,
        _ => ReviewStatus.Current,
    };

    public async Task<IReadOnlyList<SchoolUser>> ActiveStaffAsync() => await users.Users.Where(u => !u.IsDisabled).OrderBy(u => u.DisplayName).ToListAsync();

    public async Task<IReadOnlyList<PolicyInfo>> OutstandingForAsync(string userId, IReadOnlyList<PolicyInfo>? published = null)
    {
        var due = (published ?? await PublishedAsync()).Where(p => p.NeedsAcknowledgement).ToList();
        var done = await db.Acknowledgements.AsNoTracking().Where(a => a.UserId == userId).Select(a => new { a.ContentItemId, a.Number }).ToListAsync();
        return due.Where(p => !done.Any(d => d.ContentItemId == p.Id && d.Number == p.Version!.Number)).ToList();
    }

    public async Task<PolicyReport?> ReportAsync(string id)
    {
        if (await FindAsync(id) is not { Version: { } version } policy)
        {
            return null;
        }
        var acks = await db.Acknowledgements.AsNoTracking().Where(a => a.ContentItemId == id && a.Number == version.Number)
            .ToDictionaryAsync(a => a.UserId, a => a.AcknowledgedUtc);
        var rows = (await ActiveStaffAsync()).Select(u => new AcknowledgementRow(u, acks.TryGetValue(u.Id, out var at) ? at : null)).ToList();
        return new PolicyReport(policy, rows);
    }

    /// <summary>Acknowledges exactly the version the person read: if a newer one came out meanwhile, nothing is recorded.</summary>
    public async Task<(AcknowledgeOutcome Outcome, PolicyInfo? Policy)> AcknowledgeAsync(ClaimsPrincipal user, string id, int number)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        if (await FindAsync(id) is not { } policy)
        {
            return (AcknowledgeOutcome.NotFound, null);
        }
        if (!policy.NeedsAcknowledgement)
        {
            return (AcknowledgeOutcome.NotRequired, policy);
        }
        if (policy.Version!.Number != number)
        {
            return (AcknowledgeOutcome.Stale, policy);
        }
        if (await db.Acknowledgements.AnyAsync(a => a.ContentItemId == id && a.Number == number && a.UserId == userId))
        {
            return (AcknowledgeOutcome.AlreadyDone, policy);
        }
        db.Acknowledgements.Add(new PolicyAcknowledgement { ContentItemId = id, Number = number, UserId = userId, AcknowledgedUtc = time.GetUtcNow().UtcDateTime });
        await events.CommitAsync(db, new PolicyRecorded(id, Actor.Of(user).Name, "acknowledged",
            $"{policy.Title}, version {number}{(policy.Version.Label is { } label ? $" ({label})" : "")}"));
        return (AcknowledgeOutcome.Done, policy);
    }
}
