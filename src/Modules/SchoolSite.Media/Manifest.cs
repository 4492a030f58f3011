using SchoolSite.Core.Modules;

namespace SchoolSite.Media;

/// <summary>The features this module declares.</summary>
public static class Manifest
{
    public const string MediaFeature = "SchoolSite.Media";

    public static readonly IReadOnlyList<FeatureDescriptor> Features =
        [FeatureDescriptor.Create(MediaFeature, "Media", "Upload pictures and documents; metadata is removed from every image.", "Content", "SchoolSite.Admin")];
}
