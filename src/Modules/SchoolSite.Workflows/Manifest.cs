using SchoolSite.Core.Modules;

namespace SchoolSite.Workflows;

/// <summary>The features this module declares.</summary>
public static class Manifest
{
    public const string WorkflowsFeature = "SchoolSite.Workflows";

    public static readonly IReadOnlyList<FeatureDescriptor> Features =
    [
        FeatureDescriptor.Create(WorkflowsFeature, "Review before publishing",
            "A colleague checks, a senior leader signs off; nobody approves their own work, and only the approved version is published.",
            "Safeguarding", "SchoolSite.Contents", "SchoolSite.Consent"),
    ];
}
