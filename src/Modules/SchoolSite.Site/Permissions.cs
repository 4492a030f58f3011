using SchoolSite.Core.Security;

namespace SchoolSite.Site;

public sealed class Permissions : IPermissionProvider
{
    public const string ManageTemplates = "ManageTemplates";

    IEnumerable<Permission> IPermissionProvider.Permissions => [new(ManageTemplates, "Change the site's templates", "Content")];

    // Administrators only: a template decides everything a page shows.
    public IEnumerable<PermissionStereotype> Stereotypes => [];
}
