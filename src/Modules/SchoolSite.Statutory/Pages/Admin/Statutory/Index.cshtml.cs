using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Statutory.Services;

namespace SchoolSite.Statutory.Pages.Admin.Statutory;

/// <summary>
/// The school's checklist of what it must publish online: each item's state in words, what meets it, and (for those
/// who may) choosing the page that meets it, or a page elsewhere where that is allowed.
/// </summary>
[SchoolOnly]
[Feature(Manifest.StatutoryFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ViewChecklist)]
public sealed class IndexModel(Checklist checklist, ContentQueries queries, IAuthorizationService authorization) : PageModel
{
    public ChecklistReport Report { get; private set; } = new([]);

    public StatutorySettings School => checklist.School;

    public DateOnly Today => checklist.Today;

    public bool CanManage { get; private set; }

    /// <summary>The school's published pages, by title, to choose from.</summary>
    public IReadOnlyList<(string Id, string Title)> Pages { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The requirement a refused link was for, so its form says why next to it.</summary>
    public string? ErrorFor { get; private set; }

    [BindProperty]
    public string? Requirement { get; set; }

    [BindProperty]
    public string? PageId { get; set; }

    [BindProperty]
    public string? LinkUrl { get; set; }

    [BindProperty]
    public string? LinkTitle { get; set; }

    /// <summary>The page the editor opened the checklist for: chosen in every item's list.</summary>
    public string? Chosen { get; private set; }

    public string? ChosenTitle => Chosen is null ? null : Pages.FirstOrDefault(p => p.Id == Chosen).Title;

    public async Task OnGetAsync(string? done, string? item)
    {
        Chosen = item;
        Message = done switch
        {
            "linked" => "Saved: the checklist shows what meets it now.",
            "unlinked" => "Removed. If nothing else meets it, it shows as missing.",
            _ => null,
        };
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostLinkAsync()
    {
        if (!await MayManageAsync())
        {
            return Forbid();
        }
        if (Refused() is { } refused)
        {
            return await AfterAsync(refused, "linked");
        }
        var error = string.IsNullOrEmpty(PageId) ? "Choose the page that meets it." : await checklist.LinkPageAsync(Requirement ?? string.Empty, PageId, Actor.Of(User));
        return await AfterAsync(error, "linked");
    }

    public async Task<IActionResult> OnPostOutsideAsync()
    {
        if (!await MayManageAsync())
        {
            return Forbid();
        }
        if (Refused() is { } refused)
        {
            return await AfterAsync(refused, "linked");
        }
        return await AfterAsync(await checklist.LinkOutsideAsync(Requirement ?? string.Empty, LinkUrl, LinkTitle, Actor.Of(User)), "linked");
    }

    public async Task<IActionResult> OnPostUnlinkAsync(long link)
    {
        if (!await MayManageAsync())
        {
            return Forbid();
        }
        return await AfterAsync(await checklist.UnlinkAsync(link, Actor.Of(User)), "unlinked");
    }

    /// <summary>"Due for review by 15 March 2027" and the like: the state in the school's words.</summary>
    public static string Describe(ChecklistRow row) => row.State switch
    {
        RequirementState.Missing => "Missing: nothing published meets this yet",
        RequirementState.Overdue => $"Overdue: it was due for review on {row.NextReview:d MMMM yyyy}",
        RequirementState.Due => $"Due for review by {row.NextReview:d MMMM yyyy}",
        _ when row.NextReview is { } next => $"Published; next review by {next:d MMMM yyyy}",
        _ => "Published",
    };

    private async Task<IActionResult> AfterAsync(string? error, string done)
    {
        if (error is null)
        {
            return RedirectToPage(new { done });
        }
        Error = error;
        ErrorFor = Requirement;
        await LoadAsync();
        return Page();
    }

    /// <summary>What the host's checks found wrong with the posted text (a field too long), in the person's words.</summary>
    private string? Refused() => ModelState.IsValid ? null
        : ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault(m => m.Length > 0) ?? "Some of what was typed cannot be saved.";

    private async Task<bool> MayManageAsync() => (await authorization.AuthorizeAsync(User, PermissionRequirement.Policy(Permissions.ManageChecklist))).Succeeded;

    private async Task LoadAsync()
    {
        CanManage = await MayManageAsync();
        Report = await checklist.ReportAsync();
        if (CanManage)
        {
            var (paths, _) = await queries.AddressesAsync();
            var published = await queries.CurrentVersionsAsync(paths.Select(p => p.ContentItemId).Distinct().ToList());
            var titles = published.Where(i => i.Published).ToDictionary(i => i.ContentItemId, i => i.DisplayText);
            Pages = paths.Where(p => titles.ContainsKey(p.ContentItemId)).Select(p => (p.ContentItemId, titles[p.ContentItemId]))
                .DistinctBy(p => p.ContentItemId).OrderBy(p => p.Item2, StringComparer.CurrentCultureIgnoreCase).ToList();
        }
    }
}
