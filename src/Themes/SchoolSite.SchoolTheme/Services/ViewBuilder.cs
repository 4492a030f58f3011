using System.Globalization;
using Microsoft.AspNetCore.Http;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Services;
using SchoolSite.SchoolTheme.Models;

namespace SchoolSite.SchoolTheme.Services;

/// <summary>Turns content items and settings into what templates see, in the school's own time zone.</summary>
public sealed class ViewBuilder(TenantContext tenant, SiteMenu menu, MediaPictures pictures, ContentDefinitionStore definitions)
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public async Task<SiteView> SiteAsync(HttpContext http)
    {
        var settings = tenant.Shell.Settings;
        var basePath = http.Request.PathBase.Value ?? string.Empty;
        var links = (await menu.GetAsync()).Items;
        return new SiteView
        {
            Name = settings.SiteName,
            BasePath = basePath,
            LogoUrl = settings.Branding.LogoUrl,
            Address = settings.Contact.Address,
            Phone = settings.Contact.Phone,
            Email = settings.Contact.Email,
            Menu = links.Select(l => Link(l, basePath)).ToList(),
            StyleVersion = StyleVersion(settings),
        };
    }

    public static string StyleVersion(Core.Settings.SiteSettings settings)
        => ((uint)(settings.Branding.PrimaryColour + settings.Branding.SecondaryColour).GetHashCode(StringComparison.Ordinal)).ToString("x");

    /// <summary>
    /// An item as templates see it. The render gate is here: a picture (in a consent media field or in the
    /// body) is in the view only if it may be shown on the website now; the page is tagged with every
    /// picture and person it could show, so a change to any of them evicts it.
    /// </summary>
    public async Task<ItemView> ItemAsync(ContentItem item, HttpContext http)
    {
        var basePath = http.Request.PathBase.Value ?? string.Empty;
        var shown = new HashSet<string>(StringComparer.Ordinal);
        var views = new List<PictureView>();
        var tags = new List<string>();
        var set = await definitions.GetAsync();
        foreach (var picture in ContentPictures.In(item, set, set.Type(item.ContentType)))
        {
            var status = await pictures.StatusAsync(picture.MediaId, "website");
            tags.Add(PublicPageCache.MediaTag(tenant.Tenant.Name, picture.MediaId));
            tags.AddRange(status.People.Select(p => PublicPageCache.PersonTag(tenant.Tenant.Name, p)));
            if (!status.Shown || status.Item is not { } media)
            {
                continue;
            }
            shown.Add(media.Id);
            if (!picture.InBody && views.All(v => v.Id != media.Id))
            {
                views.Add(new PictureView
                {
                    Id = media.Id,
                    Url = $"{basePath}/media/{media.Id}/{(media.Renditions.Contains("large") ? "large" : "original")}",
                    ThumbnailUrl = $"{basePath}/media/{media.Id}/{(media.Renditions.Contains("medium") ? "medium" : "original")}",
                    Alt = media.AltText ?? string.Empty,
                    Caption = media.Caption,
                });
            }
        }
        PublicPageCache.Tag(http, [.. tags.Distinct()]);
        var view = Item(item, basePath);
        return new ItemView
        {
            Id = view.Id,
            Type = view.Type,
            Title = view.Title,
            Url = view.Url,
            Html = EmbeddedMedia.Filter(view.Html, shown),
            Summary = view.Summary,
            Date = view.Date,
            When = view.When,
            Location = view.Location,
            Fields = view.Fields,
            Pictures = views,
        };
    }

    private ItemView Item(ContentItem item, string basePath)
    {
        var fields = new Dictionary<string, object?>();
        if (item.Content[item.ContentType] is System.Text.Json.Nodes.JsonObject own)
        {
            foreach (var (name, value) in own)
            {
                fields[name] = value is System.Text.Json.Nodes.JsonObject field ? FieldValue(field) : null;
            }
        }
        var start = StartOf(item);
        return new ItemView
        {
            Id = item.ContentItemId,
            Type = item.ContentType,
            Title = item.DisplayText,
            Url = $"{basePath}/{item.Path}",
            Html = item.Text(KnownParts.HtmlBody, "Html") ?? string.Empty,
            Summary = Field(item, item.ContentType, "Summary", "Text"),
            Date = item.PublishedUtc is { } published ? Local(published).ToString("d MMMM yyyy", English) : null,
            When = start is { } when ? Local(when).ToString("dddd d MMMM yyyy, h:mm", English) + Local(when).ToString("tt", English).ToLowerInvariant() : null,
            Location = Field(item, "Event", "Location", "Text") is { Length: > 0 } location ? location : null,
            Fields = fields,
        };
    }

    /// <summary>An event's start, for ordering and for "upcoming".</summary>
    public static DateTime? StartOf(ContentItem item) => Field(item, "Event", "StartTime", "Value") is { } s ? ParseUtc(s) : null;

    /// <summary>A field's value: fields keep it in a property of their own ("Text", "Value"…).</summary>
    public static string? Field(ContentItem item, string part, string field, string property)
        => item.Content[part]?[field]?[property] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var text) ? text : null;

    private DateTime Local(DateTime utc)
        => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById(tenant.Shell.Settings.TimeZone));

    private static DateTime? ParseUtc(string value)
        => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed.UtcDateTime : null;

    private static object? FieldValue(System.Text.Json.Nodes.JsonObject field)
        => (field["Text"] ?? field["Html"] ?? field["Value"] ?? field["Url"])?.ToString();

    private static LinkView Link(MenuLink link, string basePath) => new()
    {
        Text = link.Text,
        Url = link.Url.StartsWith('/') ? basePath + link.Url : link.Url,
        Children = link.Children.Select(c => Link(c, basePath)).ToList(),
    };
}
