using System.Globalization;
using Microsoft.AspNetCore.Http;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Tenancy;
using SchoolSite.SchoolTheme.Models;

namespace SchoolSite.SchoolTheme.Services;

/// <summary>Turns content items and settings into what templates see, in the school's own time zone.</summary>
public sealed class ViewBuilder(TenantContext tenant, SiteMenu menu)
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

    public ItemView Item(ContentItem item, string basePath)
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
