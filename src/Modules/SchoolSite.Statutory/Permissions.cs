using SchoolSite.Core.Security;

namespace SchoolSite.Statutory;

public sealed class Permissions : IPermissionProvider
{
    /// <summary>See the school's checklist of what it must publish.</summary>
    public const string ViewChecklist = "ViewStatutoryChecklist";

    /// <summary>Say which page (or outside link) meets an item of the checklist.</summary>
    public const string ManageChecklist = "ManageStatutoryChecklist";

    /// <summary>On the trust's dashboard: every school's checklist at once.</summary>
    public const string ViewTrustOverview = "ViewTrustStatutoryOverview";

    IEnumerable<Permission> IPermissionProvider.Permissions =>
    [
        new(ViewChecklist, "See what the school must publish online and what is missing", "What we must publish"),
        new(ManageChecklist, "Choose the pages that meet what the school must publish", "What we must publish"),
        new(ViewTrustOverview, "See every school's checklist of what it must publish", "What we must publish"),
    ];

    public IEnumerable<PermissionStereotype> Stereotypes =>
    [
        new(Roles.Administrator, [ViewChecklist, ManageChecklist, ViewTrustOverview]),
        new(Roles.TrustAdministrator, [ViewTrustOverview]),
        new(Roles.Headteacher, [ViewChecklist, ManageChecklist]),
        new(Roles.SeniorLeader, [ViewChecklist, ManageChecklist]),
        new(Roles.Editor, [ViewChecklist, ManageChecklist]),
        new(Roles.DataProtectionOfficer, [ViewChecklist]),
    ];
}
