using SchoolSite.Core.Security;

namespace SchoolSite.Policies;

public sealed class Permissions : IPermissionProvider
{
    public const string ViewStaffPolicies = "ViewStaffPolicies";
    public const string ViewAcknowledgements = "ViewAcknowledgements";

    IEnumerable<Permission> IPermissionProvider.Permissions =>
    [
        new(ViewStaffPolicies, "Read staff-only policies", "Policies"),
        new(ViewAcknowledgements, "See who has acknowledged each policy", "Policies"),
    ];

    public IEnumerable<PermissionStereotype> Stereotypes =>
    [
        new(Roles.Headteacher, [ViewStaffPolicies, ViewAcknowledgements]),
        new(Roles.SeniorLeader, [ViewStaffPolicies, ViewAcknowledgements]),
        new(Roles.DataProtectionOfficer, [ViewStaffPolicies]),
        new(Roles.Editor, [ViewStaffPolicies]),
        new(Roles.Author, [ViewStaffPolicies]),
        new(Roles.Contributor, [ViewStaffPolicies]),
        new(Roles.Staff, [ViewStaffPolicies]),
    ];
}
