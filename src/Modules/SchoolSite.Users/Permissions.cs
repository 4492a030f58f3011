using SchoolSite.Core.Security;

namespace SchoolSite.Users;

public sealed class Permissions : IPermissionProvider
{
    public const string ViewUsers = "ViewUsers";
    public const string ManageUsers = "ManageUsers";
    public const string ManageRoles = "ManageRoles";

    IEnumerable<Permission> IPermissionProvider.Permissions =>
    [
        new(ViewUsers, "See the list of users", "Users"),
        new(ManageUsers, "Create, edit and disable users", "Users"),
        new(ManageRoles, "Change which permissions each role holds", "Users"),
    ];

    public IEnumerable<PermissionStereotype> Stereotypes =>
    [
        new(Roles.Headteacher, [ViewUsers, ManageUsers]),
        new(Roles.SeniorLeader, [ViewUsers]),
        new(Roles.DataProtectionOfficer, [ViewUsers]),
    ];
}
