using SchoolSite.Core.Modules;

namespace SchoolSite.Policies;

/// <summary>The features this module declares.</summary>
public static class Manifest
{
    public const string PoliciesFeature = "SchoolSite.Policies";

    public static readonly IReadOnlyList<FeatureDescriptor> Features =
    [
        FeatureDescriptor.Create(PoliciesFeature, "Policies", "Versioned policy pages, public or staff-only, acknowledged by staff and reviewed on schedule.",
            "Safeguarding", "SchoolSite.Contents", "SchoolSite.Workflows"),
    ];
}
