using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;
using SchoolSite.Workflows.Models;
using SchoolSite.Workflows.Services;

namespace SchoolSite.Workflows.Pages.Admin.Workflow;

/// <summary>
/// The review screen: what changed since the published version, field by field, each picture's consent status
/// and the privacy warnings, the comments, buttons for exactly the steps this user may take now (and, for the others,
/// who can and whom to ask), publishing alone where the school allows it, and when it goes live.
/// </summary>
[SchoolOnly]
[Feature(Manifest.WorkflowsFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class ReviewModel(ContentManager content, ContentAuthorization rights, WorkflowEngine engine, ContentChecks checks, ReviewDiff diff,
    PublishAlone alone, ReviewSchedule schedule, TenantContext tenant) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = string.Empty;
    [BindProperty] public string? Transition { get; set; }
    [BindProperty, MaxLength(TextLimits.Note)] public string? Comment { get; set; }
    [BindProperty] public int Revision { get; set; }
    [BindProperty] public DateTime? PublishAt { get; set; }
    [BindProperty] public DateTime? UnpublishAt { get; set; }

    public ContentItem Item { get; private set; } = null!;
    public WorkflowDefinition Definition { get; private set; } = null!;
    public WorkflowInstance Instance { get; private set; } = null!;
    public IReadOnlyList<TransitionOption> Options { get; private set; } = [];
    public IReadOnlyList<WorkflowEvent> History { get; private set; } = [];
    public IReadOnlyList<ContentCheck> Checks { get; private set; } = [];
    public IReadOnlyList<FieldChange> Changes { get; private set; } = [];
    public AloneDecision? Alone { get; private set; }
    public bool CanPlan { get; private set; }
    public bool HasPublished { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }
    public SiteSettings Settings => tenant.Shell.Settings;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return await ShowAsync(await engine.TakeAsync(User, Id, Transition ?? string.Empty, Comment, Revision));
    }

    public async Task<IActionResult> OnPostPublishAloneAsync()
        => await LoadAsync() ?? await ShowAsync(await engine.PublishAloneAsync(User, Id, alone));

    public async Task<IActionResult> OnPostScheduleAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }
        // The times are typed in the school's own time zone.
        var zone = Settings.Zone();
        DateTimeOffset? Utc(DateTime? local) => local is { } at ? new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(at, DateTimeKind.Unspecified), zone)) : null;
        var result = await schedule.SetAsync(User, Id, Utc(PublishAt), Utc(UnpublishAt));
        return await ShowAsync(new WorkflowResult(result.Outcome, result.Message));
    }

    private async Task<IActionResult> ShowAsync(WorkflowResult result)
    {
        if (result.Succeeded)
        {
            Message = result.Message;
            Comment = null;
            ModelState.Clear();
        }
        else
        {
            Error = result.Message;
        }
        return await LoadAsync() ?? Page();
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await content.GetAsync(Id, VersionOption.Latest) is not { } item)
        {
            return NotFound();
        }
        if (!await rights.CanAsync(User, ContentAction.Preview, item) && !await rights.CanAsync(User, ContentAction.Edit, item))
        {
            return Forbid();
        }
        var (definition, instance) = await engine.ForAsync(item);
        if (definition is null || instance is null)
        {
            return NotFound();
        }
        (Item, Definition, Instance) = (item, definition, instance);
        Revision = instance.Revision;
        Options = await engine.OptionsAsync(User, item, definition, instance);
        History = await engine.HistoryAsync(item.ContentItemId);
        Checks = await checks.CheckAsync(item);
        var published = await content.GetAsync(Id, VersionOption.Published);
        HasPublished = published is not null;
        Changes = await diff.CompareAsync(published, item);
        Alone = item.Published ? null : await alone.DecideAsync(User.FindFirstValue(ClaimTypes.NameIdentifier), item, definition);
        CanPlan = instance.State != WorkflowStates.Published && await rights.CanAsync(User, ContentAction.Publish, item);
        return null;
    }

    /// <summary>A stored UTC time as the school reads it, for the form's inputs and the history.</summary>
    public string Local(DateTime utc, string format)
        => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Settings.Zone()).ToString(format, System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
