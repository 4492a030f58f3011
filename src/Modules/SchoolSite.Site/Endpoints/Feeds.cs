using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Tenancy;
using SchoolSite.Site.Services;

namespace SchoolSite.Site.Endpoints;

/// <summary>What machines read: the news feed, the sitemap, robots.txt, and the branded stylesheet.</summary>
public static class Feeds
{
    public static void Map(RouteGroupBuilder site)
    {
        site.MapGet("/news/rss", NewsFeedAsync).CacheOutput(PublicPageCache.PolicyName).WithMetadata(new PublicChannelAttribute());
        site.MapGet("/sitemap.xml", SitemapAsync).CacheOutput(PublicPageCache.PolicyName).WithMetadata(new PublicChannelAttribute());
        site.MapGet("/robots.txt", Robots).CacheOutput(PublicPageCache.PolicyName).WithMetadata(new NoSchoolContentAttribute("rules for search engines"));
        site.MapGet("/theme.css", Stylesheet).CacheOutput(PublicPageCache.PolicyName).WithMetadata(new NoSchoolContentAttribute("the theme's stylesheet"));
    }

    private static async Task<IResult> NewsFeedAsync(HttpContext http, ContentQueries queries, PublicationPolicy policy, TenantContext tenant)
    {
        PublicPageCache.Tag(http, PublicPageCache.TypeTag(tenant.Tenant.Name, "NewsArticle"));
        var restricted = await policy.RestrictedAsync();
        var news = (await queries.PublishedAsync(["NewsArticle"], 1, 20)).Items.Where(i => !restricted.Contains(i.ContentItemId));
        var name = tenant.Shell.Settings.SiteName;
        var builder = new StringBuilder();
        await using (var xml = XmlWriter.Create(builder, new XmlWriterSettings { Async = true, Indent = true, OmitXmlDeclaration = false }))
        {
            await xml.WriteStartElementAsync(null, "rss", null);
            await xml.WriteAttributeStringAsync(null, "version", null, "2.0");
            await xml.WriteStartElementAsync(null, "channel", null);
            await xml.WriteElementStringAsync(null, "title", null, $"{name}: news");
            await xml.WriteElementStringAsync(null, "link", null, PublicSite.Absolute(http, "/news"));
            await xml.WriteElementStringAsync(null, "description", null, $"News from {name}");
            foreach (var item in news)
            {
                await xml.WriteStartElementAsync(null, "item", null);
                await xml.WriteElementStringAsync(null, "title", null, item.DisplayText);
                await xml.WriteElementStringAsync(null, "link", null, PublicSite.Absolute(http, "/" + item.Path));
                await xml.WriteElementStringAsync(null, "guid", null, PublicSite.Absolute(http, "/" + item.Path));
                if ((item.Content["NewsArticle"]?["Summary"]?["Text"])?.GetValue<string>() is { Length: > 0 } summary)
                {
                    await xml.WriteElementStringAsync(null, "description", null, summary);
                }
                if (item.PublishedUtc is { } published)
                {
                    await xml.WriteElementStringAsync(null, "pubDate", null, published.ToString("R", CultureInfo.InvariantCulture));
                }
                await xml.WriteEndElementAsync();
            }
            await xml.WriteEndElementAsync();
            await xml.WriteEndElementAsync();
        }
        return Results.Text(builder.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\""), "application/rss+xml; charset=utf-8");
    }

    private static async Task<IResult> SitemapAsync(HttpContext http, PublicRoutes routes, PublicationPolicy policy, ContentDefinitionStore definitions,
        TenantContext tenant)
    {
        var types = (await definitions.GetAsync()).Types;
        PublicPageCache.Tag(http, types.Select(t => PublicPageCache.TypeTag(tenant.Tenant.Name, t.Name)).ToArray());
        var table = await routes.GetAsync();
        var builder = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        var restricted = await policy.RestrictedAsync();
        foreach (var path in table.Items.Where(p => p.Key != "home" && !restricted.Contains(p.Value)).Select(p => p.Key).Order(StringComparer.Ordinal).Prepend(string.Empty))
        {
            builder.Append("  <url><loc>").Append(System.Security.SecurityElement.Escape(PublicSite.Absolute(http, "/" + path))).Append("</loc></url>\n");
        }
        builder.Append("</urlset>\n");
        return Results.Text(builder.ToString(), "application/xml; charset=utf-8");
    }

    private static IResult Robots(HttpContext http)
        => Results.Text($"User-agent: *\nDisallow: {http.Request.PathBase}/admin\nDisallow: {http.Request.PathBase}/preview\nSitemap: {PublicSite.Absolute(http, "/sitemap.xml")}\n",
            "text/plain; charset=utf-8");

    /// <summary>The theme's stylesheet after the school's own colours.</summary>
    private static IResult Stylesheet(HttpContext http, TenantContext tenant, ThemeRenderer renderer, ThemeCatalog themes)
    {
        var branding = tenant.Shell.Section<PublicSiteSettings>().Branding;
        var css = $":root {{ --primary: {Colour(branding.PrimaryColour, "#1d4f91")}; --secondary: {Colour(branding.SecondaryColour, "#f2b705")}; }}\n"
            + themes.Stylesheet(renderer.Theme);
        http.Response.Headers.CacheControl = "public, max-age=600";
        return Results.Text(css, "text/css; charset=utf-8");
    }

    private static string Colour(string value, string fallback)
        => value.Length == 7 && value[0] == '#' && value.Skip(1).All(char.IsAsciiHexDigit) ? value : fallback;
}
