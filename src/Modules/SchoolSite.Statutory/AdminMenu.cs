using SchoolSite.Core.Navigation;

namespace SchoolSite.Statutory;

public sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items =>
    [
        new AdminMenuItem("What we must publish", "/admin/statutory", Permissions.ViewChecklist, Manifest.StatutoryFeature, 40) { SchoolOnly = true, Group = AdminGroups.Content },
        new AdminMenuItem("What our schools publish", "/admin/statutory-overview", Permissions.ViewTrustOverview, null, 30) { HostOnly = true, Group = AdminGroups.Schools },
    ];
}
