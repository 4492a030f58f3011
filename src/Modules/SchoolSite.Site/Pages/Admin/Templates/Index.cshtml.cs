using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Site.Models;

namespace SchoolSite.Site.Pages.Admin.Templates;

[SchoolOnly]
[Feature(Manifest.SiteFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ManageTemplates)]
public sealed class IndexModel(TemplatesDbContext db) : PageModel
{
    public IReadOnlySet<string> Overridden { get; private set; } = new HashSet<string>();

    public async Task OnGetAsync() => Overridden = (await db.Templates.Select(t => t.Name).ToListAsync()).ToHashSet();
}
