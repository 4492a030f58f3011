using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using ContentResult = SchoolSite.Contents.Services.ContentResult;

namespace SchoolSite.Contents.Pages.Admin.Content;

/// <summary>Deleting asks first: what it does to the website, and that it can be undone for 30 days.</summary>
[SchoolOnly]
[Feature(Manifest.ContentsFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class DeleteModel(ContentManager content, ContentAuthorization rights) : ConfirmedStepModel(content, rights, ContentAction.Delete)
{
    public bool IsPublished { get; private set; }

    protected override async Task LoadedAsync(ContentItem item)
        => IsPublished = item.Published || await Items.GetAsync(Id, VersionOption.Published) is not null;

    protected override Task<ContentResult> TakeAsync(Actor actor) => Items.RemoveAsync(Id, actor);

    protected override IActionResult Done() => Redirect(Url.Content("~/admin/content?status=Deleted"));
}
