using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using ContentResult = SchoolSite.Contents.Services.ContentResult;

namespace SchoolSite.Contents.Pages.Admin.Content;

/// <summary>Unpublishing asks first, saying what visitors will notice.</summary>
[SchoolOnly]
[Feature(Manifest.ContentsFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class UnpublishModel(ContentManager content, ContentAuthorization rights) : ConfirmedStepModel(content, rights, ContentAction.Publish)
{
    protected override Task<ContentResult> TakeAsync(Actor actor) => Items.UnpublishAsync(Id, actor);

    protected override IActionResult Done()
    {
        TempData["Message"] = "Unpublished: it is no longer on the site. It is kept here as a draft.";
        return Redirect(Url.Content($"~/admin/content/{Id}"));
    }
}
