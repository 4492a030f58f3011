using SchoolSite.Core.Modules;

namespace SchoolSite.Site;

/// <summary>The features this module declares.</summary>
public static class Manifest
{
    // The id dates from when the public site lived in its theme; it is stored in every school's features, so it stays.
    public const string SiteFeature = "SchoolSite.Theme";

    public static readonly IReadOnlyList<FeatureDescriptor> Features =
    [
        FeatureDescriptor.Create(SiteFeature, "Public website", "The school's public website: pages, news, events, feed and sitemap.", "Content",
            Contents.Manifest.ContentsFeature),
    ];
}
