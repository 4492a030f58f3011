using System.Globalization;
using Microsoft.AspNetCore.Http;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Services;
using SchoolSite.Site.Models;

namespace SchoolSite.Site.Services;

/// <summary>Turns content items and settings into what templates see, in the school's own time zone.</summary>
public sealed class ViewBuilder(TenantContext tenant, SiteMenu menu, PublicationPolicy policy, SiteLogo logo, MediaPictures pictures, PublicRoutes routes)
{
    /// <summary>Where the school recipe puts its online safety page; the footer links to it while it is published.</summary>
    public const string OnlineSafetyPath = "online-safety";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>How wide a gallery picture is drawn: a column of the theme's grid, the whole width on a phone.</summary>
    public const string GallerySizes = "(min-width: 72rem) 17rem, (min-width: 40rem) 45vw, calc(100vw - 2rem)";

    public async Task<SiteView> SiteAsync(HttpContext http)
    {
        var settings = tenant.Shell.Section<PublicSiteSettings>();
        var basePath = http.Request.PathBase.Value ?? string.Empty;
        var links = (await menu.GetAsync()).Items;
        var shownLogo = await logo.ForSiteAsync(http);
        var here = "/" + (http.Request.Path.Value ?? string.Empty).Trim('/');
        var responsible = tenant.Shell.Section<Core.Settings.ResponsibilitySettings>();
        var onlineSafety = (await routes.GetAsync()).Items.ContainsKey(OnlineSafetyPath) ? $"{basePath}/{OnlineSafetyPath}" : null;
        return new SiteView
        {
            Name = tenant.Shell.Settings.SiteName,
            BasePath = basePath,
            LogoUrl = shownLogo?.Url,
            Logo = shownLogo,
            Address = settings.Contact.Address,
            Phone = settings.Contact.Phone,
            Email = settings.Contact.Email,
            Menu = links.Select(l => Link(l, basePath, here)).ToList(),
            StyleVersion = StyleVersion(settings),
            OnlineSafetyUrl = onlineSafety,
            SafeguardingLead = responsible.SafeguardingLead,
            SafeguardingContact = responsible.SafeguardingContact,
        };
    }

    /// <summary>Changes with the colours and the theme, so a browser fetches the stylesheet again.</summary>
    public static string StyleVersion(PublicSiteSettings settings)
        => ((uint)(settings.Branding.PrimaryColour + settings.Branding.SecondaryColour + settings.Theme).GetHashCode(StringComparison.Ordinal)).ToString("x");

    /// <summary>
    /// An item as templates see it: only the pictures the publication policy allows now (the others are left
    /// out of its fields and its body), and the page is tagged with every picture and person it could show,
    /// so a change to any of them evicts it.
    /// </summary>
    public async Task<ItemView> ItemAsync(ContentItem item, HttpContext http)
    {
        var basePath = http.Request.PathBase.Value ?? string.Empty;
        var visible = await policy.VisibleAsync(item);
        PublicPageCache.Tag(http, [.. visible.MediaIds.Select(id => PublicPageCache.MediaTag(tenant.Tenant.Name, id)),
            .. visible.PersonIds.Select(id => PublicPageCache.PersonTag(tenant.Tenant.Name, id))]);
        var view = Item(visible.Item, basePath);
        return new ItemView
        {
            Id = view.Id,
            Type = view.Type,
            Title = view.Title,
            Url = view.Url,
            Html = await SizedAsync(view.Html, basePath),
            Summary = view.Summary,
            Description = PageDescription.Of(view.Summary, view.Html),
            Date = view.Date,
            When = view.When,
            Location = view.Location,
            Fields = view.Fields,
            Pictures = (await policy.GalleryAsync(visible.Item)).Select(media => Picture(media, basePath)).ToList(),
        };
    }

    private static PictureView Picture(MediaEntry media, string basePath)
    {
        var shown = PictureMarkup.Find(media, "medium");
        return new PictureView
        {
            Id = media.Id,
            Url = $"{basePath}/media/{media.Id}/{(media.Renditions.Contains("large") ? "large" : "original")}",
            ThumbnailUrl = $"{basePath}/media/{media.Id}/{shown?.Name ?? "original"}",
            Alt = media.AltText ?? string.Empty,
            Caption = media.Caption,
            Width = shown?.Width ?? 0,
            Height = shown?.Height ?? 0,
            Srcset = PictureMarkup.Srcset(media, basePath),
            Sizes = GallerySizes,
        };
    }

    /// <summary>The body's pictures (those the policy left in it) with their size and renditions; the index lookups are in memory.</summary>
    private async Task<string> SizedAsync(string html, string basePath)
    {
        var found = new Dictionary<string, MediaEntry>(StringComparer.Ordinal);
        foreach (var id in PictureMarkup.IdsIn(html))
        {
            if (await pictures.FindAsync(id) is { } entry)
            {
                found[id] = entry;
            }
        }
        return PictureMarkup.Sized(html, found, basePath);
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
        => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), tenant.Shell.Settings.Zone());

    private static DateTime? ParseUtc(string value)
        => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed.UtcDateTime : null;

    private static object? FieldValue(System.Text.Json.Nodes.JsonObject field)
        => (field["Text"] ?? field["Html"] ?? field["Value"] ?? field["Url"])?.ToString();

    private static LinkView Link(MenuLink link, string basePath, string here) => new()
    {
        Text = link.Text,
        Url = link.Url.StartsWith('/') ? basePath + link.Url : link.Url,
        Children = link.Children.Select(c => Link(c, basePath, here)).ToList(),
        Current = CurrentOf(link.Url, here),
    };

    /// <summary>"page" for the link to this very page; "true" for the section it is in ("/news" on a news article); else null.</summary>
    private static string? CurrentOf(string url, string here)
    {
        if (!url.StartsWith('/'))
        {
            return null;
        }
        var target = "/" + url.Split('?', '#')[0].Trim('/');
        if (string.Equals(target, here, StringComparison.OrdinalIgnoreCase))
        {
            return "page";
        }
        return target.Length > 1 && here.StartsWith(target + "/", StringComparison.OrdinalIgnoreCase) ? "true" : null;
    }
}
