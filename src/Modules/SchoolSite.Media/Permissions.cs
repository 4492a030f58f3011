using SchoolSite.Core.Security;

namespace SchoolSite.Media;

public sealed class Permissions : IPermissionProvider
{
    public const string UploadMedia = "UploadMedia";

    IEnumerable<Permission> IPermissionProvider.Permissions => [new(UploadMedia, "Upload and describe media", "Media")];

    public IEnumerable<PermissionStereotype> Stereotypes =>
    [
        new(Roles.Headteacher, [UploadMedia]),
        new(Roles.SeniorLeader, [UploadMedia]),
        new(Roles.Editor, [UploadMedia]),
        new(Roles.Author, [UploadMedia]),
        new(Roles.Contributor, [UploadMedia]),
    ];
}
