using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;

namespace SchoolSite.Contents.Pages.Admin.Content;

[SchoolOnly]
[Feature(Manifest.ContentsFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class VersionsModel(ContentManager content, ContentAuthorization rights) : PageModel
{
    public string Id { get; private set; } = string.Empty;
    public string Title { get; private set; } = string.Empty;
    public int Revision { get; private set; }
    public IReadOnlyList<ContentItem> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostAsync(string id, string versionId, int revision)
    {
        if (await LoadAsync(id) is { } refused)
        {
            return refused;
        }
        var result = await content.RestoreVersionAsync(id, versionId, revision, Actor.Of(User));
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Describe());
            return Page();
        }
        TempData["Message"] = "The earlier version is now the draft. Publish it to put it on the site.";
        return Redirect(Url.Content($"~/admin/content/{id}"));
    }

    private async Task<IActionResult?> LoadAsync(string id)
    {
        var latest = await content.GetAsync(id, VersionOption.Latest);
        if (latest is null)
        {
            return NotFound();
        }
        if (!await rights.CanAsync(User, ContentAction.Edit, latest))
        {
            return Forbid();
        }
        Id = id;
        Title = latest.DisplayText;
        Revision = latest.Revision;
        Versions = await content.VersionsAsync(id);
        return null;
    }
}
