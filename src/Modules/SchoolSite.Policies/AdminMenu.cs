using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;

namespace SchoolSite.Policies;

public sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items => [new AdminMenuItem("Policies", "/admin/policies", CorePermissions.AccessAdmin, Manifest.PoliciesFeature, 50) { SchoolOnly = true, Group = AdminGroups.Policies }];
}
