using System.Security.Claims;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Media.Services;

namespace SchoolSite.Site.Services;

/// <summary>What the public may see of an item's pictures now, and what the page depends on.</summary>
public sealed record VisiblePictures(IReadOnlyList<MediaEntry> Shown, IReadOnlySet<string> ShownIds, IReadOnlyList<string> MediaIds, IReadOnlyList<string> PersonIds);

/// <summary>
/// The one place the public site decides what a visitor may see: which items are restricted (staff-only
/// policies: left out of lists, feeds and the sitemap; 404 to anyone not allowed) and which of an item's
/// pictures may be shown now (through the media library's single decision, which asks the consent gate).
/// Every page, list, feed and the sitemap asks here.
/// </summary>
public sealed class PublicationPolicy(IEnumerable<IRestrictedContent> restrictions, MediaPictures pictures, ContentDefinitionStore definitions)
{
    private IReadOnlySet<string>? _restricted;

    /// <summary>Published items only some signed-in users may see. Read once per request.</summary>
    public async Task<IReadOnlySet<string>> RestrictedAsync()
    {
        if (_restricted is null)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var source in restrictions)
            {
                ids.UnionWith(await source.RestrictedIdsAsync());
            }
            _restricted = ids;
        }
        return _restricted;
    }

    /// <summary>Whether this user may see a restricted item at all (everyone may see the rest).</summary>
    public async Task<bool> MayViewAsync(ClaimsPrincipal user, ContentItem item)
    {
        foreach (var source in restrictions)
        {
            if (!await source.MayViewAsync(user, item))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// The render gate: a picture (in a consent media field or placed in the body) may appear only while it is
    /// cleared for the website now. The page depends on every picture and person it could show.
    /// </summary>
    public async Task<VisiblePictures> PicturesAsync(ContentItem item)
    {
        var set = await definitions.GetAsync();
        var shown = new List<MediaEntry>();
        var shownIds = new HashSet<string>(StringComparer.Ordinal);
        var mediaIds = new List<string>();
        var people = new List<string>();
        foreach (var picture in ContentPictures.In(item, set, set.Type(item.ContentType)))
        {
            var status = await pictures.StatusAsync(picture.MediaId, "website");
            mediaIds.Add(picture.MediaId);
            people.AddRange(status.People);
            if (!status.Shown || status.Item is not { } media)
            {
                continue;
            }
            shownIds.Add(media.Id);
            if (!picture.InBody && shown.All(s => s.Id != media.Id))
            {
                shown.Add(media);
            }
        }
        return new VisiblePictures(shown, shownIds, mediaIds.Distinct().ToList(), people.Distinct().ToList());
    }
}
