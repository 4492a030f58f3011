using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Workflows.Models;
using SchoolSite.Workflows.Services;

namespace SchoolSite.Workflows.Pages.Admin.Workflow;

/// <summary>
/// The review screen: the version under review beside the published one, each picture's consent status
/// and the privacy warnings, the comments, and buttons for exactly the steps this user may take now.
/// </summary>
[SchoolOnly]
[Feature(Manifest.WorkflowsFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class ReviewModel(ContentManager content, ContentAuthorization rights, WorkflowEngine engine, ContentChecks checks) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = string.Empty;
    [BindProperty] public string? Transition { get; set; }
    [BindProperty, MaxLength(TextLimits.Note)] public string? Comment { get; set; }
    [BindProperty] public int Revision { get; set; }

    public ContentItem Item { get; private set; } = null!;
    public WorkflowDefinition Definition { get; private set; } = null!;
    public WorkflowInstance Instance { get; private set; } = null!;
    public IReadOnlyList<TransitionOption> Options { get; private set; } = [];
    public IReadOnlyList<WorkflowEvent> History { get; private set; } = [];
    public IReadOnlyList<ContentCheck> Checks { get; private set; } = [];
    public IReadOnlyList<TextDiff.Line> Changes { get; private set; } = [];
    public bool HasPublished { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

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
        var result = await engine.TakeAsync(User, Id, Transition ?? string.Empty, Comment, Revision);
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
        Changes = TextDiff.Compare(published is null ? string.Empty : TextDiff.TextOf(published), TextDiff.TextOf(item));
        return null;
    }
}
