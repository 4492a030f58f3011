using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Tenancy;
using SchoolSite.Site.Models;
using SchoolSite.Site.Services;

namespace SchoolSite.Site.Endpoints;

/// <summary>
/// A school's public pages: home, content pages by address (301 from old addresses) and lists with paging.
/// Only published content is ever shown, and only what the publication policy allows.
/// </summary>
public static class PublicSite
{
    private const int HomeNews = 3;
    private const int HomeEvents = 4;

    public static void Map(RouteGroupBuilder site)
    {
        site.MapGet("/", HomeAsync).CacheOutput(PublicPageCache.PolicyName).WithMetadata(new PublicChannelAttribute());
        site.MapGet("/{**path}", ContentAsync).CacheOutput(PublicPageCache.PolicyName).WithMetadata(new PublicChannelAttribute());
    }

    private static async Task<IResult> HomeAsync(HttpContext http, ViewBuilder views, ThemeRenderer renderer, ContentManager content, PublishedLists queries,
        PublicRoutes routes, PublicationPolicy policy, TenantContext tenant, TimeProvider time)
    {
        var site = await views.SiteAsync(http);
        var table = await routes.GetAsync();
        var values = new Dictionary<string, object?>();
        string? description = null;
        if (table.Items.TryGetValue("home", out var homeId) && await content.GetAsync(homeId, VersionOption.Published) is { } home)
        {
            var intro = await views.ItemAsync(home, http);
            values["Intro"] = intro;
            description = intro.Description;
            PublicPageCache.Tag(http, PublicPageCache.ItemTag(tenant.Tenant.Name, homeId));
        }
        var news = await queries.PublishedAsync(["NewsArticle"], 1, HomeNews);
        values["News"] = await ItemsAsync(news.Items, views, policy, http);
        values["Events"] = await ItemsAsync((await UpcomingEventsAsync(queries, ["Event"], time)).Take(HomeEvents), views, policy, http);
        PublicPageCache.Tag(http, PublicPageCache.TypeTag(tenant.Tenant.Name, "NewsArticle"), PublicPageCache.TypeTag(tenant.Tenant.Name, "Event"));
        var page = new PageView { Title = site.Name, CanonicalUrl = Absolute(http, "/"), Description = description };
        return Html(await renderer.RenderPageAsync("Home", site, page, values));
    }

    private static async Task<IResult> ContentAsync(string path, HttpContext http, ViewBuilder views, ThemeRenderer renderer, ContentManager content,
        PublishedLists queries, PublicRoutes routes, PublicationPolicy policy, ContentDefinitionStore definitions, TenantContext tenant, TimeProvider time)
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
        if ((await policy.RestrictedAsync()).Contains(id))
        {
            // Never kept in the shared cache; anyone not allowed gets the same 404 as for a page that does not exist.
            PublicPageCache.DoNotCache(http);
            if (!await policy.MayViewAsync(http.User, item))
            {
                return await NotFoundAsync(http, views, renderer);
            }
        }
        PublicPageCache.Tag(http, PublicPageCache.ItemTag(tenant.Tenant.Name, id));
        return Html(await RenderItemAsync(http, item, views, renderer, queries, policy, definitions, tenant, time));
    }

    /// <summary>Renders an item as its public page; also used for previews of drafts, so they look exactly the same.</summary>
    public static async Task<string> RenderItemAsync(HttpContext http, ContentItem item, ViewBuilder views, ThemeRenderer renderer, PublishedLists queries,
        PublicationPolicy policy, ContentDefinitionStore definitions, TenantContext tenant, TimeProvider time)
    {
        var site = await views.SiteAsync(http);
        var type = (await definitions.GetAsync()).Type(item.ContentType);
        var model = await views.ItemAsync(item, http);
        var values = new Dictionary<string, object?> { ["Model"] = model };
        var template = ThemeTemplates.Names.Contains(item.ContentType) ? item.ContentType : "Page";
        if (type?.Part(KnownParts.List) is { } list)
        {
            template = "ListPage";
            var contained = list.Settings["ListPartSettings"]?["ContainedContentTypes"]?.AsArray().Select(t => t!.GetValue<string>()).ToList() ?? [];
            var pageSize = list.Settings["ListPartSettings"]?["PageSize"]?.GetValue<int>() ?? 10;
            values["List"] = await ListAsync(http, contained, pageSize, site.BasePath + "/" + item.Path, views, queries, policy, time);
            PublicPageCache.Tag(http, contained.Select(t => PublicPageCache.TypeTag(tenant.Tenant.Name, t)).ToArray());
        }
        if (http.RequestServices.GetServices<IPublicListSource>().FirstOrDefault(s => s.ContentType == item.ContentType) is { } source)
        {
            template = "ListPage";
            values["List"] = await source.ListAsync(item, http);
            // What the module lists changes with other pages and with the date: never kept in the cache.
            PublicPageCache.DoNotCache(http);
        }
        var page = new PageView { Title = item.DisplayText, CanonicalUrl = Absolute(http, "/" + item.Path), Description = model.Description };
        return await renderer.RenderPageAsync(template, site, page, values);
    }

    private static async Task<ListView> ListAsync(HttpContext http, IReadOnlyList<string> types, int pageSize, string url, ViewBuilder views,
        PublishedLists queries, PublicationPolicy policy, TimeProvider time)
    {
        var requested = int.TryParse(http.Request.Query["page"], out var p) && p > 0 ? p : 1;
        IReadOnlyList<ContentItem> items;
        int pages;
        if (types.Count > 0 && types.All(t => t == "Event"))
        {
            // Events are listed by when they happen, soonest first, and only those still to come.
            var upcoming = await UpcomingEventsAsync(queries, types, time);
            pages = Math.Max(1, (upcoming.Count + pageSize - 1) / pageSize);
            items = upcoming.Skip((requested - 1) * pageSize).Take(pageSize).ToList();
        }
        else
        {
            var page = await queries.PublishedAsync(types.ToList(), requested, pageSize);
            pages = page.Pages;
            items = page.Items;
        }
        return new ListView
        {
            Items = await ItemsAsync(items, views, policy, http),
            Page = requested,
            Pages = pages,
            PreviousUrl = requested > 1 ? (requested == 2 ? url : $"{url}?page={requested - 1}") : null,
            NextUrl = requested < pages ? $"{url}?page={requested + 1}" : null,
        };
    }

    private static async Task<List<ContentItem>> UpcomingEventsAsync(PublishedLists queries, IReadOnlyList<string> types, TimeProvider time)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var all = await queries.PublishedAsync(types.ToList(), 1, 500);
        return all.Items.Where(e => ViewBuilder.StartOf(e) is { } start && start >= now.AddHours(-12))
            .OrderBy(e => ViewBuilder.StartOf(e)).ToList();
    }

    internal static async Task<IResult> NotFoundAsync(HttpContext http, ViewBuilder views, ThemeRenderer renderer)
    {
        var site = await views.SiteAsync(http);
        var html = await renderer.RenderPageAsync("NotFound", site, new PageView { Title = "Page not found" }, new Dictionary<string, object?>());
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status404NotFound);
    }

    /// <summary>Items as a list shows them: restricted ones are left out.</summary>
    private static async Task<List<ItemView>> ItemsAsync(IEnumerable<ContentItem> items, ViewBuilder views, PublicationPolicy policy, HttpContext http)
    {
        var list = new List<ItemView>();
        var restricted = await policy.RestrictedAsync();
        foreach (var item in items.Where(i => !restricted.Contains(i.ContentItemId)))
        {
            list.Add(await views.ItemAsync(item, http));
        }
        return list;
    }

    internal static IResult Html(string html) => Results.Content(html, "text/html; charset=utf-8");

    internal static string Absolute(HttpContext http, string path) => $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{path}";
}
