using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Security;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Pages.Admin.Users;

[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ViewUsers)]
public sealed class IndexModel(UsersDbContext db, IAuthorizationService authorization) : PageModel
{
    public sealed record Row(string Id, string? DisplayName, string? Email, bool IsDisabled, bool TwoFactor, bool Invited, IReadOnlyList<string> Roles);

    public IReadOnlyList<Row> Users { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task OnGetAsync()
    {
        CanManage = (await authorization.AuthorizeAsync(User, PermissionRequirement.Policy(Permissions.ManageUsers))).Succeeded;
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .AsNoTracking().ToListAsync();
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        Users = (await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.Email).ToListAsync())
            .Select(u => new Row(u.Id, u.DisplayName, u.Email, u.IsDisabled, u.TwoFactorEnabled, u.PasswordHash == null, byUser[u.Id].Order().ToList()))
            .ToList();
    }
}
