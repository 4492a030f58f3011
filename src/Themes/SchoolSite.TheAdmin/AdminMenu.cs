using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;

namespace SchoolSite.TheAdmin;

public sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items =>
    [
        new("Dashboard", "/admin", CorePermissions.AccessAdmin, Manifest.AdminFeature, 0),
        new("Settings", "/admin/settings", CorePermissions.ManageSettings, Manifest.SettingsFeature, 90) { Group = AdminGroups.Settings },
        new("Features", "/admin/features", CorePermissions.ManageFeatures, Manifest.AdminFeature, 95) { Group = AdminGroups.Settings },
    ];
}
