using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Policies.Services;
using SchoolSite.Statutory.Models;

namespace SchoolSite.Statutory.Services;

public enum RequirementState { Met, Due, Overdue, Missing }

/// <summary>One thing that meets (or was meant to meet) a requirement: a page of the school's, or a page elsewhere.</summary>
public sealed record Evidence(long LinkId, string Title, string Url, string? ContentItemId, bool Outside, bool Published,
    DateOnly? Reviewed, DateOnly? NextReview, string? Owner);

/// <summary>A requirement at this school, now: its state, when it is next due, and what meets it.</summary>
public sealed record ChecklistRow(Requirement Requirement, RequirementState State, DateOnly? NextReview, IReadOnlyList<Evidence> Evidence);

public sealed record ChecklistReport(IReadOnlyList<ChecklistRow> Rows)
{
    public int Count(RequirementState state) => Rows.Count(r => r.State == state);
}

/// <summary>
/// The school's checklist of what it must publish, worked out on each request from the trust's requirements, the
/// school's kind (its settings) and what meets each item: met, due for review (within a month of its date), overdue, or
/// missing (nothing published meets it). A page's review date is when it was last published, or a policy's own last
/// review; a policy's own next review date counts when it comes sooner. So unpublishing a page, or letting a date pass,
/// shows on the next request.
/// </summary>
public sealed class Checklist(StatutoryDbContext db, RequirementCatalog catalog, ContentManager content, ContentQueries queries, IServiceProvider services,
    TenantContext tenant, TimeProvider time, SchoolEvents events)
{
    /// <summary>How long before its date a requirement shows as due for review.</summary>
    public const int DueWithinDays = 30;

    public StatutorySettings School => tenant.Shell.Section<StatutorySettings>();

    public DateOnly Today => tenant.Shell.Settings.DateAt(time.GetUtcNow());

    public async Task<ChecklistReport> ReportAsync()
    {
        var requirements = await catalog.ForAsync(School);
        var links = await db.Links.AsNoTracking().OrderBy(l => l.Id).ToListAsync();
        // Every linked page's published and latest versions in one query.
        var versions = await queries.CurrentVersionsAsync(links.Select(l => l.ContentItemId).OfType<string>().Distinct().ToList());
        var items = versions.Where(v => v.Published).ToDictionary(v => v.ContentItemId, v => (ContentItem?)v, StringComparer.Ordinal);
        var drafts = versions.Where(v => v.Latest && !items.ContainsKey(v.ContentItemId)).ToDictionary(v => v.ContentItemId, v => v.DisplayText, StringComparer.Ordinal);
        // Policy pages keep their own review dates.
        var policies = items.Values.Any(i => i?.ContentType == "PolicyPage") && services.GetService(typeof(PolicyBook)) is PolicyBook book
            ? (await book.PublishedAsync()).ToDictionary(p => p.Id)
            : [];
        var today = Today;
        var rows = new List<ChecklistRow>();
        foreach (var requirement in requirements)
        {
            var evidence = links.Where(l => l.RequirementKey == requirement.Key)
                .Select(l => EvidenceOf(requirement, l, l.ContentItemId is { } id ? items.GetValueOrDefault(id) : null, policies,
                    l.ContentItemId is { } unpublished ? drafts.GetValueOrDefault(unpublished) : null))
                .ToList();
            var best = evidence.Where(e => e.Published).Select(e => (Evidence: e, State: StateOf(e.NextReview, today)))
                .OrderBy(e => e.State).FirstOrDefault();
            rows.Add(best.Evidence is null
                ? new ChecklistRow(requirement, RequirementState.Missing, null, evidence)
                : new ChecklistRow(requirement, best.State, best.Evidence.NextReview, evidence));
        }
        return new ChecklistReport(rows);
    }

    public static RequirementState StateOf(DateOnly? next, DateOnly today)
        => next is not { } due ? RequirementState.Met
            : today > due ? RequirementState.Overdue
            : today >= due.AddDays(-DueWithinDays) ? RequirementState.Due
            : RequirementState.Met;

    /// <summary>Says that a page of the school's meets a requirement.</summary>
    public async Task<string?> LinkPageAsync(string requirementKey, string contentItemId, Actor actor)
    {
        if (await ApplyingAsync(requirementKey) is not { } requirement)
        {
            return NotForThisSchool;
        }
        if (await content.GetAsync(contentItemId, VersionOption.Latest) is not { } item)
        {
            return "That page no longer exists. Choose another.";
        }
        if (await db.Links.AnyAsync(l => l.RequirementKey == requirementKey && l.ContentItemId == contentItemId))
        {
            return $"'{item.DisplayText}' already meets '{requirement.Title}'.";
        }
        db.Links.Add(new StatutoryLink { RequirementKey = requirementKey, ContentItemId = contentItemId, LinkedBy = actor.Name, LinkedUtc = time.GetUtcNow().UtcDateTime });
        await events.CommitAsync(db, new StatutoryLinksChanged(requirementKey, actor.Name, "linked", $"'{item.DisplayText}' meets '{requirement.Title}'"));
        return null;
    }

    /// <summary>Says that a page elsewhere (the Ofsted report, the performance tables) meets a requirement that allows it.</summary>
    public async Task<string?> LinkOutsideAsync(string requirementKey, string? url, string? title, Actor actor)
    {
        if (await ApplyingAsync(requirementKey) is not { } requirement)
        {
            return NotForThisSchool;
        }
        if (!requirement.OutsideLinkAllowed)
        {
            return $"'{requirement.Title}' must be met by a page on the school's own website.";
        }
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var address) || address.Scheme is not ("https" or "http") || address.ToString().Length > 2000)
        {
            return "Give the full address of the page, starting with https://";
        }
        var name = string.IsNullOrWhiteSpace(title) ? requirement.Title : title.Trim();
        if (name.Length > 200)
        {
            return "Give a shorter name for the link (200 characters at most).";
        }
        db.Links.Add(new StatutoryLink
        {
            RequirementKey = requirementKey, OutsideUrl = address.ToString(), OutsideTitle = name, LinkedBy = actor.Name, LinkedUtc = time.GetUtcNow().UtcDateTime,
        });
        await events.CommitAsync(db, new StatutoryLinksChanged(requirementKey, actor.Name, "linked", $"{address} meets '{requirement.Title}'"));
        return null;
    }

    /// <summary>Takes back what was said to meet a requirement.</summary>
    public async Task<string?> UnlinkAsync(long linkId, Actor actor)
    {
        if (await db.Links.FirstOrDefaultAsync(l => l.Id == linkId) is not { } link)
        {
            return "That link was already removed.";
        }
        var what = link.OutsideUrl ?? (link.ContentItemId is { } id ? (await content.GetAsync(id, VersionOption.Latest))?.DisplayText : null) ?? "a page";
        var title = (await catalog.AllAsync()).FirstOrDefault(r => r.Key == link.RequirementKey)?.Title ?? link.RequirementKey;
        db.Links.Remove(link);
        await events.CommitAsync(db, new StatutoryLinksChanged(link.RequirementKey, actor.Name, "unlinked", $"'{what}' no longer meets '{title}'"));
        return null;
    }

    private const string NotForThisSchool = "That item is not one this school must publish (check the school's phase and kind in Settings).";

    private async Task<Requirement?> ApplyingAsync(string key) => (await catalog.ForAsync(School)).FirstOrDefault(r => r.Key == key);

    private Evidence EvidenceOf(Requirement requirement, StatutoryLink link, ContentItem? item, IReadOnlyDictionary<string, PolicyInfo> policies, string? draftTitle)
    {
        var settings = tenant.Shell.Settings;
        if (link.OutsideUrl is { } url)
        {
            var linked = settings.DateAt(new DateTimeOffset(link.LinkedUtc, TimeSpan.Zero));
            return new Evidence(link.Id, link.OutsideTitle ?? requirement.Title, url, null, Outside: true, Published: true, linked,
                requirement.NextReviewAfter(linked), null);
        }
        if (item is null)
        {
            // Unpublished or deleted: it no longer meets anything, but the link is kept so that publishing it again counts.
            return new Evidence(link.Id, draftTitle ?? "A page that was deleted", string.Empty, link.ContentItemId, false, false, null, null, null);
        }
        var policy = policies.GetValueOrDefault(item.ContentItemId);
        var reviewed = policy?.LastReviewed ?? settings.DateAt(new DateTimeOffset(item.PublishedUtc ?? item.ModifiedUtc, TimeSpan.Zero));
        var next = requirement.NextReviewAfter(reviewed);
        if (policy?.NextReview is { } policyNext && (next is null || policyNext < next))
        {
            next = policyNext;
        }
        return new Evidence(link.Id, item.DisplayText, $"{tenant.Tenant.PathBase}/{item.Path}", item.ContentItemId, false, true, reviewed, next, item.Owner);
    }
}
