using SchoolSite.Core.Navigation;

namespace SchoolSite.Tenants;

public sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items =>
    [
        new AdminMenuItem("School sites", "/admin/tenants", Permissions.ManageTenants, Manifest.TenantsFeature, 10) { HostOnly = true, Group = AdminGroups.Schools },
        new AdminMenuItem("API keys", "/admin/api-keys", Permissions.ManageApiKeys, Manifest.TenantsFeature, 20) { HostOnly = true, Group = AdminGroups.Schools },
    ];
}
