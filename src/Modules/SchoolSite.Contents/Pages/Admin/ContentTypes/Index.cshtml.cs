using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;

namespace SchoolSite.Contents.Pages.Admin.ContentTypes;

[SchoolOnly]
[Feature(Manifest.ContentsFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ManageContentTypes)]
public sealed class IndexModel(ContentDefinitionStore definitions) : PageModel
{
    public ContentDefinitionSet Definitions { get; private set; } = ContentDefinitionSet.Empty;

    public async Task OnGetAsync() => Definitions = await definitions.GetAsync();
}
