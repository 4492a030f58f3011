namespace SchoolSite.Core.Security;

/// <summary>The kernel's permissions: the admin shell, features and site settings.</summary>
public sealed class CorePermissions : IPermissionProvider
{
    public const string AccessAdmin = "AccessAdmin";
    public const string ManageFeatures = "ManageFeatures";
    public const string ManageSettings = "ManageSettings";

    public IEnumerable<Permission> Permissions =>
    [
        new(AccessAdmin, "Open the admin dashboard", "Dashboard"),
        new(ManageFeatures, "Enable and disable features", "Site"),
        new(ManageSettings, "Change the site's name, branding, contact details and school year", "Site"),
    ];

    public IEnumerable<PermissionStereotype> Stereotypes =>
    [
        new(Roles.Headteacher, [AccessAdmin, ManageSettings]),
        new(Roles.SeniorLeader, [AccessAdmin]),
        new(Roles.DataProtectionOfficer, [AccessAdmin]),
        new(Roles.Editor, [AccessAdmin]),
        new(Roles.Author, [AccessAdmin]),
        new(Roles.Contributor, [AccessAdmin]),
        new(Roles.Staff, [AccessAdmin]),
    ];
}
