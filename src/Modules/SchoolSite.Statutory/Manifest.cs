using SchoolSite.Core.Modules;

namespace SchoolSite.Statutory;

/// <summary>The features this module declares.</summary>
public static class Manifest
{
    public const string StatutoryFeature = "SchoolSite.Statutory";

    public static readonly IReadOnlyList<FeatureDescriptor> Features =
    [
        FeatureDescriptor.Create(StatutoryFeature, "What we must publish",
            "The information a school must publish online, as a checklist: which pages meet each item, which are missing or due for review, and a public Key information page.",
            "Content", "SchoolSite.Contents"),
    ];
}
