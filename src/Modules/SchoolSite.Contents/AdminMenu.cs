using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;

namespace SchoolSite.Contents;

public sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items =>
    [
        new AdminMenuItem("Content", "/admin/content", CorePermissions.AccessAdmin, Manifest.ContentsFeature, 30) { SchoolOnly = true, Group = AdminGroups.Content },
        new AdminMenuItem("Content types", "/admin/content-types", Permissions.ManageContentTypes, Manifest.ContentsFeature, 35) { SchoolOnly = true, Group = AdminGroups.Content },
    ];
}
