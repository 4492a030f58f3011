using SchoolSite.Core.Security;

namespace SchoolSite.Contents;

public sealed class Permissions : IPermissionProvider
{
    public const string EditContent = "EditContent";
    public const string EditOwnContent = "EditOwnContent";
    public const string PublishContent = "PublishContent";
    public const string PublishOwnContent = "PublishOwnContent";
    public const string DeleteContent = "DeleteContent";
    public const string PreviewContent = "PreviewContent";
    public const string ViewContent = "ViewContent";
    public const string ManageContentTypes = "ManageContentTypes";

    IEnumerable<Permission> IPermissionProvider.Permissions =>
    [
        new(EditContent, "Edit anyone's content", "Content"),
        new(EditOwnContent, "Edit content you own", "Content"),
        new(PublishContent, "Publish and unpublish anyone's content", "Content"),
        new(PublishOwnContent, "Publish and unpublish content you own", "Content"),
        new(DeleteContent, "Delete and restore content", "Content"),
        new(PreviewContent, "Preview drafts as the public site will show them", "Content"),
        new(ViewContent, "View published content", "Content"),
        new(ManageContentTypes, "Add fields to content types", "Content"),
    ];

    public IEnumerable<PermissionStereotype> Stereotypes =>
    [
        new(Roles.Headteacher, [EditContent, PublishContent, DeleteContent, PreviewContent, ViewContent]),
        new(Roles.SeniorLeader, [EditContent, PublishContent, PreviewContent, ViewContent]),
        new(Roles.Editor, [EditContent, PublishContent, DeleteContent, PreviewContent, ViewContent]),
        new(Roles.Author, [EditOwnContent, PublishOwnContent, PreviewContent, ViewContent]),
        new(Roles.Contributor, [EditOwnContent, PreviewContent, ViewContent]),
        new(Roles.DataProtectionOfficer, [PreviewContent, ViewContent]),
        new(Roles.Staff, [ViewContent]),
        new(Roles.Authenticated, [ViewContent]),
        new(Roles.Anonymous, [ViewContent]),
    ];
}
