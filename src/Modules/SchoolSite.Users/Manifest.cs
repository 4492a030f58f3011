using SchoolSite.Core.Modules;

namespace SchoolSite.Users;

/// <summary>The features this module declares.</summary>
public static class Manifest
{
    public const string UsersFeature = "SchoolSite.Users";
    public const string RolesFeature = "SchoolSite.Roles";
    public const string TwoFactorFeature = "SchoolSite.Users.TwoFactor";

    public static readonly IReadOnlyList<FeatureDescriptor> Features =
    [
        FeatureDescriptor.Create(UsersFeature, "Users", "Sign-in and the users of this site.", "Security") with { IsAlwaysEnabled = true },
        FeatureDescriptor.Create(RolesFeature, "Roles", "Edit which permissions each role holds.", "Security", UsersFeature),
        FeatureDescriptor.Create(TwoFactorFeature, "Two-factor sign-in", "Authenticator apps and recovery codes.", "Security", UsersFeature),
    ];
}
