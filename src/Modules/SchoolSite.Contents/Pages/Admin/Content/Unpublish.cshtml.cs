using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;

namespace SchoolSite.Contents.Pages.Admin.Content;

/// <summary>Unpublishing asks first, on a page of its own (no script needed), saying what visitors will notice.</summary>
[SchoolOnly]
[Feature(Manifest.ContentsFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class UnpublishModel(ContentManager content, ContentAuthorization rights) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }
        var result = await content.UnpublishAsync(Id, Actor.Of(User));
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Describe());
            return new PageResult { StatusCode = StatusCodes.Status409Conflict };
        }
        TempData["Message"] = "Unpublished: it is no longer on the site. It is kept here as a draft.";
        return Redirect(Url.Content($"~/admin/content/{Id}"));
    }

    private async Task<IActionResult?> LoadAsync()
    {
        var item = await content.GetAsync(Id, VersionOption.Latest);
        if (item is null)
        {
            return NotFound();
        }
        if (!await rights.CanAsync(User, ContentAction.Publish, item))
        {
            return Forbid();
        }
        Title = item.DisplayText;
        return null;
    }
}
