using System.Security.Claims;
using System.Text.Json.Nodes;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Media.Services;

namespace SchoolSite.Site.Services;

/// <summary>
/// The one place that decides what a visitor may see, asked by every public channel (pages, lists, the feed,
/// the sitemap, the content API, files): restricted items (staff-only policies: left out of lists, 404 to
/// anyone not allowed), staff-only fields, and every picture and document an item uses, in whatever way it
/// is placed, shown only while the media library's single decision clears it for the website now.
/// </summary>
public sealed class PublicationPolicy(IEnumerable<IRestrictedContent> restrictions, MediaPictures pictures, ContentDefinitionStore definitions)
    : IPublicationPolicy
{
    // Every public channel is a website channel: a picture appears there only with consent for the website.
    private const string Purpose = "website";

    private IReadOnlySet<string>? _restricted;

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

    /// <summary>A library file (any rendition, the original, a document): shown only while cleared for the website now.</summary>
    public ValueTask<PictureStatus> FileAsync(string mediaId) => pictures.VisitorStatusAsync(mediaId, Purpose);

    /// <summary>The same decision for staff, with the reasons a file is not shown (the logo page says why).</summary>
    public ValueTask<PictureStatus> FileForStaffAsync(string mediaId) => pictures.StatusAsync(mediaId, Purpose);

    public async Task<VisibleItem> VisibleAsync(ContentItem item, bool forStaff = false)
    {
        var set = await definitions.GetAsync();
        var type = set.Type(item.ContentType);
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var media = new List<string>();
        var people = new List<string>();
        foreach (var id in ContentPictures.In(item, set, type).Select(p => p.MediaId).Distinct())
        {
            var status = await pictures.VisitorStatusAsync(id, Purpose);
            media.Add(id);
            people.AddRange(status.People);
            if (status.Shown)
            {
                shown.Add(id);
            }
        }
        var visible = item.Copy();
        if (type is not null)
        {
            foreach (var (part, field) in set.FieldsOf(type))
            {
                if (visible.Content[part.Name] is not JsonObject owner || owner[field.Name] is not JsonObject value)
                {
                    continue;
                }
                if (field.IsStaffOnly && !forStaff)
                {
                    owner.Remove(field.Name);
                    continue;
                }
                switch (field.FieldName)
                {
                    case KnownFields.ConsentMedia:
                        value["MediaIds"] = new JsonArray(ContentPictures.MediaIds(value).Where(shown.Contains).Select(id => (JsonNode)id).ToArray());
                        break;
                    case KnownFields.Html when value["Html"] is JsonValue html && html.TryGetValue<string>(out var text):
                        value["Html"] = EmbeddedMedia.Filter(text, shown);
                        break;
                    case KnownFields.Link when EmbeddedMedia.IdOf(value["Url"]?.GetValue<string>()) is { } linked && !shown.Contains(linked):
                        owner.Remove(field.Name);
                        break;
                }
            }
        }
        if (visible.Text(KnownParts.HtmlBody, "Html") is { } body)
        {
            visible.Part(KnownParts.HtmlBody)["Html"] = EmbeddedMedia.Filter(body, shown);
        }
        visible.Flush();
        return new VisibleItem(visible, media, people.Distinct().ToList());
    }

    /// <summary>The pictures of an item's pictures fields that may be shown (those <see cref="VisibleAsync"/> kept), in order.</summary>
    public async Task<IReadOnlyList<MediaEntry>> GalleryAsync(ContentItem visible)
    {
        var set = await definitions.GetAsync();
        var gallery = new List<MediaEntry>();
        foreach (var id in ContentPictures.In(visible, set, set.Type(visible.ContentType)).Where(p => !p.InText).Select(p => p.MediaId).Distinct())
        {
            if (await pictures.FindAsync(id) is { IsPicture: true } entry)
            {
                gallery.Add(entry);
            }
        }
        return gallery;
    }
}
