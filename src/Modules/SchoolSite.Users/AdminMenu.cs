using SchoolSite.Core.Navigation;

namespace SchoolSite.Users;

public sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items =>
    [
        new("Users", "/admin/users", Permissions.ViewUsers, Manifest.UsersFeature, 80),
        new("Roles", "/admin/roles", Permissions.ManageRoles, Manifest.RolesFeature, 85),
        new("Two-factor sign-in", "/account/two-factor", null, Manifest.TwoFactorFeature, 200),
        new("Change password", "/account/password", null, Manifest.UsersFeature, 195),
        new("API tokens", "/account/tokens", null, Manifest.UsersFeature, 210),
    ];
}
