using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Routing;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Tenancy;
using SchoolSite.SchoolTheme.Models;
using SchoolSite.SchoolTheme.Services;

namespace SchoolSite.SchoolTheme.Endpoints;

/// <summary>
/// A school's public site: home, content pages by address (301 from old addresses), lists with paging,
/// the news feed, sitemap, robots.txt and the branded stylesheet. Only published content is ever shown.
/// </summary>
public static class PublicSite
{
    private const int HomeNews = 3;
    private const int HomeEvents = 4;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var site = endpoints.MapGroup(string.Empty)
            .WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Startup.ThemeFeature))
            .AllowAnonymous();
        site.MapGet("/", HomeAsync).CacheOutput(PublicPageCache.PolicyName);
        site.MapGet("/news/rss", NewsFeedAsync).CacheOutput(PublicPageCache.PolicyName);
        site.MapGet("/sitemap.xml", SitemapAsync).CacheOutput(PublicPageCache.PolicyName);
        site.MapGet("/robots.txt", Robots).CacheOutput(PublicPageCache.PolicyName);
        site.MapGet("/theme.css", Stylesheet).CacheOutput(PublicPageCache.PolicyName);
        site.MapGet("/{**path}", ContentAsync).CacheOutput(PublicPageCache.PolicyName);
    }

    private static async Task<IResult> HomeAsync(HttpContext http, ViewBuilder views, ThemeRenderer renderer, ContentManager content, PublicRoutes routes, TenantContext tenant, TimeProvider time)
    {
        var site = await views.SiteAsync(http);
        var table = await routes.GetAsync();
        var values = new Dictionary<string, object?>();
        if (table.Items.TryGetValue("home", out var homeId) && await content.GetAsync(homeId, VersionOption.Published) is { } home)
        {
            values["Intro"] = await views.ItemAsync(home, http);
            PublicPageCache.Tag(http, PublicPageCache.ItemTag(tenant.Tenant.Name, homeId));
        }
        var news = await content.PublishedAsync(["NewsArticle"], 1, HomeNews);
        values["News"] = await ItemsAsync(news.Items, views, http);
        values["Events"] = await ItemsAsync((await UpcomingEventsAsync(content, ["Event"], time)).Take(HomeEvents), views, http);
        PublicPageCache.Tag(http, PublicPageCache.TypeTag(tenant.Tenant.Name, "NewsArticle"), PublicPageCache.TypeTag(tenant.Tenant.Name, "Event"));
        var page = new PageView { Title = site.Name, CanonicalUrl = Absolute(http, "/") };
        return Html(await renderer.RenderPageAsync("Home", site, page, values));
    }

    private static async Task<IResult> ContentAsync(string path, HttpContext http, ViewBuilder views, ThemeRenderer renderer, ContentManager content,
        PublicRoutes routes, ContentDefinitionStore definitions, TenantContext tenant)
    {
        path = path.Trim('/').ToLowerInvariant();
        var table = await routes.GetAsync();
        if (!table.Items.TryGetValue(path, out var id))
        {
            if (table.Redirects.TryGetValue(path, out var movedId) && table.PathOfItem.TryGetValue(movedId, out var newPath))
            {
                PublicPageCache.Tag(http, PublicPageCache.ItemTag(tenant.Tenant.Name, movedId));
                return Results.Redirect($"{http.Request.PathBase}/{newPath}{http.Request.QueryString}", permanent: true);
            }
            return await NotFoundAsync(http, views, renderer);
        }
        var item = await content.GetAsync(id, VersionOption.Published);
        if (item is null)
        {
            return await NotFoundAsync(http, views, renderer);
        }
        if (await Restricted.IdsAsync(http) is { } restricted && restricted.Contains(id))
        {
            // Never kept in the shared cache; anyone not allowed gets the same 404 as for a page that does not exist.
            PublicPageCache.DoNotCache(http);
            if (!await Restricted.MayViewAsync(http, item))
            {
                return await NotFoundAsync(http, views, renderer);
            }
        }
        PublicPageCache.Tag(http, PublicPageCache.ItemTag(tenant.Tenant.Name, id));
        return Html(await RenderItemAsync(http, item, views, renderer, content, definitions, tenant));
    }

    /// <summary>Renders an item as its public page; also used for previews of drafts, so they look exactly the same.</summary>
    public static async Task<string> RenderItemAsync(HttpContext http, ContentItem item, ViewBuilder views, ThemeRenderer renderer, ContentManager content,
        ContentDefinitionStore definitions, TenantContext tenant)
    {
        var time = http.RequestServices.GetRequiredService<TimeProvider>();
        var site = await views.SiteAsync(http);
        var type = (await definitions.GetAsync()).Type(item.ContentType);
        var values = new Dictionary<string, object?> { ["Model"] = await views.ItemAsync(item, http) };
        var template = ThemeTemplates.Names.Contains(item.ContentType) ? item.ContentType : "Page";
        if (type?.Part(KnownParts.List) is { } list)
        {
            template = "ListPage";
            var contained = list.Settings["ListPartSettings"]?["ContainedContentTypes"]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? [];
            var pageSize = list.Settings["ListPartSettings"]?["PageSize"]?.GetValue<int>() ?? 10;
            values["List"] = await ListAsync(http, contained, pageSize, site.BasePath + "/" + item.Path, views, content, time);
            PublicPageCache.Tag(http, contained.Select(t => PublicPageCache.TypeTag(tenant.Tenant.Name, t)).ToArray());
        }
        var page = new PageView { Title = item.DisplayText, CanonicalUrl = Absolute(http, "/" + item.Path) };
        return await renderer.RenderPageAsync(template, site, page, values);
    }

    private static async Task<ListView> ListAsync(HttpContext http, IReadOnlyList<string> types, int pageSize, string url, ViewBuilder views, ContentManager content, TimeProvider time)
    {
        var requested = int.TryParse(http.Request.Query["page"], out var p) && p > 0 ? p : 1;
        IReadOnlyList<ContentItem> items;
        int pages;
        if (types.Count > 0 && types.All(t => t == "Event"))
        {
            // Events are listed by when they happen, soonest first, and only those still to come.
            var upcoming = await UpcomingEventsAsync(content, types, time);
            pages = Math.Max(1, (upcoming.Count + pageSize - 1) / pageSize);
            items = upcoming.Skip((requested - 1) * pageSize).Take(pageSize).ToList();
        }
        else
        {
            var page = await content.PublishedAsync(types.ToList(), requested, pageSize);
            pages = page.Pages;
            items = page.Items;
        }
        var basePath = http.Request.PathBase.Value ?? string.Empty;
        return new ListView
        {
            Items = await ItemsAsync(items, views, http),
            Page = requested,
            Pages = pages,
            PreviousUrl = requested > 1 ? (requested == 2 ? url : $"{url}?page={requested - 1}") : null,
            NextUrl = requested < pages ? $"{url}?page={requested + 1}" : null,
        };
    }

    private static async Task<List<ContentItem>> UpcomingEventsAsync(ContentManager content, IReadOnlyList<string> types, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var all = await content.PublishedAsync(types.ToList(), 1, 500);
        return all.Items.Where(e => ViewBuilder.StartOf(e) is { } start && start >= now.AddHours(-12))
            .OrderBy(e => ViewBuilder.StartOf(e)).ToList();
    }

    private static async Task<IResult> NewsFeedAsync(HttpContext http, ContentManager content, TenantContext tenant)
    {
        PublicPageCache.Tag(http, PublicPageCache.TypeTag(tenant.Tenant.Name, "NewsArticle"));
        var news = await content.PublishedAsync(["NewsArticle"], 1, 20);
        var settings = tenant.Shell.Settings;
        var builder = new StringBuilder();
        await using (var xml = XmlWriter.Create(builder, new XmlWriterSettings { Async = true, Indent = true, OmitXmlDeclaration = false }))
        {
            await xml.WriteStartElementAsync(null, "rss", null);
            await xml.WriteAttributeStringAsync(null, "version", null, "2.0");
            await xml.WriteStartElementAsync(null, "channel", null);
            await xml.WriteElementStringAsync(null, "title", null, $"{settings.SiteName}: news");
            await xml.WriteElementStringAsync(null, "link", null, Absolute(http, "/news"));
            await xml.WriteElementStringAsync(null, "description", null, $"News from {settings.SiteName}");
            foreach (var item in news.Items)
            {
                await xml.WriteStartElementAsync(null, "item", null);
                await xml.WriteElementStringAsync(null, "title", null, item.DisplayText);
                await xml.WriteElementStringAsync(null, "link", null, Absolute(http, "/" + item.Path));
                await xml.WriteElementStringAsync(null, "guid", null, Absolute(http, "/" + item.Path));
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

    private static async Task<IResult> SitemapAsync(HttpContext http, PublicRoutes routes, ContentDefinitionStore definitions, TenantContext tenant)
    {
        var types = (await definitions.GetAsync()).Types;
        PublicPageCache.Tag(http, types.Select(t => PublicPageCache.TypeTag(tenant.Tenant.Name, t.Name)).ToArray());
        var table = await routes.GetAsync();
        var builder = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        var restricted = await Restricted.IdsAsync(http);
        foreach (var path in table.Items.Where(p => p.Key != "home" && !restricted.Contains(p.Value)).Select(p => p.Key).Order(StringComparer.Ordinal).Prepend(string.Empty))
        {
            builder.Append("  <url><loc>").Append(System.Security.SecurityElement.Escape(Absolute(http, "/" + path))).Append("</loc></url>\n");
        }
        builder.Append("</urlset>\n");
        return Results.Text(builder.ToString(), "application/xml; charset=utf-8");
    }

    private static IResult Robots(HttpContext http)
        => Results.Text($"User-agent: *\nDisallow: {http.Request.PathBase}/admin\nDisallow: {http.Request.PathBase}/preview\nSitemap: {Absolute(http, "/sitemap.xml")}\n",
            "text/plain; charset=utf-8");

    private static IResult Stylesheet(HttpContext http, TenantContext tenant)
    {
        var branding = tenant.Shell.Settings.Branding;
        var css = $":root {{ --primary: {Colour(branding.PrimaryColour, "#1d4f91")}; --secondary: {Colour(branding.SecondaryColour, "#f2b705")}; }}\n" + Startup.Stylesheet;
        http.Response.Headers.CacheControl = "public, max-age=600";
        return Results.Text(css, "text/css; charset=utf-8");
    }

    private static async Task<IResult> NotFoundAsync(HttpContext http, ViewBuilder views, ThemeRenderer renderer)
    {
        var site = await views.SiteAsync(http);
        var html = await renderer.RenderPageAsync("NotFound", site, new PageView { Title = "Page not found" }, new Dictionary<string, object?>());
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound);
    }

    private static async Task<List<ItemView>> ItemsAsync(IEnumerable<ContentItem> items, ViewBuilder views, HttpContext http)
    {
        var list = new List<ItemView>();
        var restricted = await Restricted.IdsAsync(http);
        foreach (var item in items.Where(i => !restricted.Contains(i.ContentItemId)))
        {
            list.Add(await views.ItemAsync(item, http));
        }
        return list;
    }

    /// <summary>Items only some signed-in users may see (staff-only policies): left out of every list and feed.</summary>
    private static class Restricted
    {
        public static async Task<IReadOnlySet<string>> IdsAsync(HttpContext http)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var source in http.RequestServices.GetServices<IRestrictedContent>())
            {
                ids.UnionWith(await source.RestrictedIdsAsync());
            }
            return ids;
        }

        public static async Task<bool> MayViewAsync(HttpContext http, ContentItem item)
        {
            foreach (var source in http.RequestServices.GetServices<IRestrictedContent>())
            {
                if (!await source.MayViewAsync(http.User, item))
                {
                    return false;
                }
            }
            return true;
        }
    }

    private static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");

    private static string Colour(string value, string fallback)
        => value.Length == 7 && value[0] == '#' && value.Skip(1).All(char.IsAsciiHexDigit) ? value : fallback;

    private static string Absolute(HttpContext http, string path) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{path}";
}
