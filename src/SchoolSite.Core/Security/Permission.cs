namespace SchoolSite.Core.Security;

/// <summary>A named right a module introduces; roles hold permissions per tenant.</summary>
public sealed record Permission(string Name, string Description, string Category);

/// <summary>The default permissions a role stereotype gets when a tenant is set up.</summary>
public sealed record PermissionStereotype(string Role, IReadOnlyList<string> Permissions);

/// <summary>A module's permissions and which stereotypes get them by default.</summary>
public interface IPermissionProvider
{
    IEnumerable<Permission> Permissions { get; }

    IEnumerable<PermissionStereotype> Stereotypes { get; }
}

/// <summary>Role names shared by every module.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Headteacher = "Headteacher";
    public const string SeniorLeader = "SeniorLeader";
    public const string Editor = "Editor";
    public const string Author = "Author";
    public const string Contributor = "Contributor";
    public const string DataProtectionOfficer = "DataProtectionOfficer";
    public const string Staff = "Staff";
    public const string Authenticated = "Authenticated";
    public const string Anonymous = "Anonymous";
    public const string TrustAdministrator = "TrustAdministrator";

    public static readonly IReadOnlyList<string> SchoolStereotypes =
        [Administrator, Headteacher, SeniorLeader, Editor, Author, Contributor, DataProtectionOfficer, Staff, Authenticated, Anonymous];

    public static readonly IReadOnlyList<string> HostStereotypes = [TrustAdministrator, Authenticated, Anonymous];

    /// <summary>A role's name as school staff read it ("Senior leader", not "SeniorLeader"); a school's own roles as named.</summary>
    public static string DisplayName(string role) => role switch
    {
        SeniorLeader => "Senior leader",
        DataProtectionOfficer => "Data protection officer",
        TrustAdministrator => "Trust administrator",
        Authenticated => "Everyone signed in",
        Anonymous => "Visitors (not signed in)",
        _ => role,
    };

    /// <summary>Roles whose holders have every permission of their tenant.</summary>
    public static bool HoldsEveryPermission(string role) => role is Administrator or TrustAdministrator;
}
