using SchoolSite.Core.Security;

namespace SchoolSite.Media;

public sealed class Permissions : IPermissionProvider
{
    public const string UploadMedia = "UploadMedia";

    /// <summary>The consent permission for pictures: be the second person who confirms that someone is not in a picture, or that nobody can be identified.</summary>
    public const string ConfirmPictures = "ConfirmPictures";

    IEnumerable<Permission> IPermissionProvider.Permissions =>
    [
        new(UploadMedia, "Upload and describe media", "Media"),
        new(ConfirmPictures, "Confirm a colleague's change that would show a picture or document more widely", "Consent"),
    ];

    public IEnumerable<PermissionStereotype> Stereotypes =>
    [
        new(Roles.Headteacher, [UploadMedia, ConfirmPictures]),
        new(Roles.SeniorLeader, [UploadMedia]),
        new(Roles.Editor, [UploadMedia]),
        new(Roles.Author, [UploadMedia]),
        new(Roles.Contributor, [UploadMedia]),
        new(Roles.DataProtectionOfficer, [ConfirmPictures]),
    ];
}
