using SchoolSite.Core.Navigation;

namespace SchoolSite.Users;

public sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items =>
    [
        new("Users", "/admin/users", Permissions.ViewUsers, Manifest.UsersFeature, 80) { Group = AdminGroups.Users },
        new("Roles", "/admin/roles", Permissions.ManageRoles, Manifest.RolesFeature, 85) { Group = AdminGroups.Users },
        new("Two-factor sign-in", "/account/two-factor", null, Manifest.TwoFactorFeature, 200) { Group = AdminGroups.Account },
        new("Change password", "/account/password", null, Manifest.UsersFeature, 195) { Group = AdminGroups.Account },
        new("API tokens", "/account/tokens", null, Manifest.UsersFeature, 210) { Group = AdminGroups.Account },
    ];
}
