using SchoolSite.Core.Navigation;

namespace SchoolSite.Consent;

public sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items =>
    [
        new AdminMenuItem("People", "/admin/people", Permissions.ViewPeople, Manifest.ConsentFeature, 45) { SchoolOnly = true, Group = AdminGroups.PicturesAndPeople },
        new AdminMenuItem("Consent", "/admin/consent", Permissions.ViewPeople, Manifest.ConsentFeature, 46) { SchoolOnly = true, Group = AdminGroups.PicturesAndPeople },
        new AdminMenuItem("Consent round", "/admin/consent/round", Permissions.ViewPeople, Manifest.ConsentFeature, 46) { SchoolOnly = true, Group = AdminGroups.PicturesAndPeople },
        new AdminMenuItem("Pictures of me", "/admin/my-pictures", SchoolSite.Core.Security.CorePermissions.AccessAdmin, Manifest.ConsentFeature, 48) { SchoolOnly = true, Group = AdminGroups.PicturesAndPeople },
        new AdminMenuItem("Takedown list", "/admin/takedown", Permissions.ViewPeople, Manifest.ConsentFeature, 47) { SchoolOnly = true, Group = AdminGroups.PicturesAndPeople },
    ];
}
