using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;

namespace SchoolSite.Contents.Pages.Admin.Content;

/// <summary>
/// Deleting asks first, on a page of its own (no script needed): what it does to the website, and that it can
/// be undone for 30 days. Only the button on this page deletes.
/// </summary>
[SchoolOnly]
[Feature(Manifest.ContentsFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class DeleteModel(ContentManager content, ContentAuthorization rights) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;
    public bool IsPublished { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }
        var result = await content.RemoveAsync(Id, Actor.Of(User));
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Describe());
            return new PageResult { StatusCode = StatusCodes.Status409Conflict };
        }
        return Redirect(Url.Content("~/admin/content?status=Deleted"));
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var item = await content.GetAsync(Id, VersionOption.Latest);
        if (item is null)
        {
            return NotFound();
        }
        if (!await rights.CanAsync(User, ContentAction.Delete, item))
        {
            return Forbid();
        }
        Title = item.DisplayText;
        IsPublished = item.Published || await content.GetAsync(Id, VersionOption.Published) is not null;
        return null;
    }
}
