using SchoolSite.Core.Navigation;

namespace SchoolSite.Media;

public sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items =>
    [
        new AdminMenuItem("Media", "/admin/media", Permissions.UploadMedia, Manifest.MediaFeature, 40) { SchoolOnly = true, Group = AdminGroups.PicturesAndPeople },
        new AdminMenuItem("Pictures to confirm", "/admin/media/confirm", Permissions.ConfirmPictures, Manifest.MediaFeature, 41) { SchoolOnly = true, Group = AdminGroups.PicturesAndPeople },
    ];
}
