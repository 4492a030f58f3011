using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Users.Models;
using SchoolSite.Users.Services;

namespace SchoolSite.Users.Pages.Admin.Roles;

[Feature(Manifest.RolesFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ManageRoles)]
public sealed class IndexModel(UsersDbContext db) : PageModel
{
    public sealed record Row(string Name, int Count, bool HoldsEverything);

    public IReadOnlyList<Row> Roles { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var counts = await db.RoleClaims.Where(c => c.ClaimType == RolePermissionGrants.ClaimType)
            .GroupBy(c => c.RoleId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Roles = (await db.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync())
            .Select(r => new Row(r.Name!, counts.GetValueOrDefault(r.Id), SchoolSite.Core.Security.Roles.HoldsEveryPermission(r.Name!)))
            .ToList();
    }
}
