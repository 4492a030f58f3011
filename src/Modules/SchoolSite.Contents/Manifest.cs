using SchoolSite.Core.Modules;

namespace SchoolSite.Contents;

/// <summary>The features this module declares.</summary>
public static class Manifest
{
    public const string ContentsFeature = "SchoolSite.Contents";

    public static readonly IReadOnlyList<FeatureDescriptor> Features =
    [
        FeatureDescriptor.Create(ContentsFeature, "Content", "Pages, news and events: content types, drafts, versions and publishing.", "Content", "SchoolSite.Admin"),
    ];
}
