using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Services;
using SchoolSite.Site.Models;

namespace SchoolSite.Site.Services;

/// <summary>
/// The school's logo: a picture of its own media library, served from the site's own /media/ address (a picture on
/// another website is blocked by the Content-Security-Policy). It is shown only while the publication policy clears it
/// for the website and nobody can be identified in it: a logo must never be a picture of a child, whatever consent says.
/// </summary>
public sealed partial class SiteLogo(PublicationPolicy policy, TenantContext tenant)
{
    /// <summary>How tall the theme draws the logo, in CSS pixels (3rem): the browser picks a file from this.</summary>
    public const int DisplayHeight = 48;

    [GeneratedRegex("^/media/([A-Za-z0-9]{6,64})/(original|large|medium|thumbnail)$")]
    private static partial Regex OwnAddress();

    /// <summary>The media item an address on this site names ("/media/{id}/{size}"); null for anything else, a web address included.</summary>
    public static string? IdOf(string? address) => address is not null && OwnAddress().Match(address) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>The media item the settings name as the logo: the chosen picture, else the one an older recipe's address points to.</summary>
    public static string? MediaIdOf(Branding branding) => branding.Logo ?? IdOf(branding.LogoUrl);

    /// <summary>The logo as the public site draws it, or null when there is none or it may not be shown now.</summary>
    public async Task<PictureView?> ForSiteAsync(HttpContext http)
    {
        if (MediaIdOf(tenant.Shell.Section<PublicSiteSettings>().Branding) is not { } id)
        {
            return null;
        }
        // Every page shows the logo, so every page is evicted when the picture changes.
        PublicPageCache.Tag(http, PublicPageCache.MediaTag(tenant.Tenant.Name, id));
        var status = await policy.FileAsync(id);
        if (!Showable(status) || PictureMarkup.Find(status.Item!, "thumbnail") is not { } shown)
        {
            return null;
        }
        var basePath = http.Request.PathBase.Value ?? string.Empty;
        var width = (int)Math.Ceiling((double)DisplayHeight * shown.Width / shown.Height);
        return new PictureView
        {
            Id = id,
            Url = $"{basePath}/media/{id}/{shown.Name}",
            ThumbnailUrl = $"{basePath}/media/{id}/{shown.Name}",
            Alt = string.Empty,
            Width = shown.Width,
            Height = shown.Height,
            Srcset = PictureMarkup.Srcset(status.Item!, basePath),
            Sizes = width.ToString(CultureInfo.InvariantCulture) + "px",
        };
    }

    /// <summary>Whether a picture may be the logo now: cleared for the website, a picture, and nobody identifiable in it (confirmed).</summary>
    public static bool Showable(PictureStatus status)
        => status is { Shown: true, Item: { IsPicture: true, NoIdentifiablePeople: true, People.Count: 0 } };
}
