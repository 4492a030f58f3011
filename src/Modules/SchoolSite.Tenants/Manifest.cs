using SchoolSite.Core.Modules;

namespace SchoolSite.Tenants;

/// <summary>The features this module declares.</summary>
public static class Manifest
{
    public const string TenantsFeature = "SchoolSite.Tenants";

    public static readonly IReadOnlyList<FeatureDescriptor> Features =
    [
        FeatureDescriptor.Create(TenantsFeature, "School sites", "Create and manage the trust's school sites; trust API keys.", "Trust", "SchoolSite.Admin")
            with { IsAlwaysEnabled = true, IsHostOnly = true },
    ];
}
