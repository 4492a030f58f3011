using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;

namespace SchoolSite.Workflows;

public sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items =>
        [new AdminMenuItem("My tasks", "/admin/tasks", CorePermissions.AccessAdmin, Manifest.WorkflowsFeature, 20) { SchoolOnly = true, Group = AdminGroups.Content }];
}
