using SchoolSite.Core.Modules;

namespace SchoolSite.TheAdmin;

/// <summary>The features this module declares.</summary>
public static class Manifest
{
    public const string AdminFeature = "SchoolSite.Admin";
    public const string SettingsFeature = "SchoolSite.Settings";

    public static readonly IReadOnlyList<FeatureDescriptor> Features =
    [
        FeatureDescriptor.Create(AdminFeature, "Admin dashboard", "The admin shell: layout, navigation and dashboard.", "Admin", "SchoolSite.Users")
            with { IsAlwaysEnabled = true },
        FeatureDescriptor.Create(SettingsFeature, "Site settings", "Name, branding, contact details, school year and clock.", "Admin", AdminFeature),
    ];
}
