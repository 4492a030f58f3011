using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.SchoolTheme.Models;

namespace SchoolSite.SchoolTheme.Pages.Admin.Templates;

[SchoolOnly]
[Feature(Startup.ThemeFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Startup.ManageTemplates)]
public sealed class IndexModel(ThemeDbContext db) : PageModel
{
    public IReadOnlySet<string> Overridden { get; private set; } = new HashSet<string>();

    public async Task OnGetAsync() => Overridden = (await db.Templates.Select(t => t.Name).ToListAsync()).ToHashSet();
}
