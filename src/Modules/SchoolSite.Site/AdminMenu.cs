using SchoolSite.Core.Navigation;

namespace SchoolSite.Site;

public sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items =>
        [new AdminMenuItem("Templates", "/admin/templates", Permissions.ManageTemplates, Manifest.SiteFeature, 60) { SchoolOnly = true, Group = AdminGroups.Settings }];
}
