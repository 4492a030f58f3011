using System.Text.Json.Nodes;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Site.Services;

/// <summary>A link in the site's navigation; Url is relative to the site ("/about") or absolute.</summary>
public sealed record MenuLink(string Text, string Url, IReadOnlyList<MenuLink> Children);

/// <summary>The published menu, resolved to URLs once and kept in the school's shell until the routes change.</summary>
public sealed class SiteMenu(ContentQueries content, PublicRoutes routes, TenantContext tenant)
{
    public sealed record Links(IReadOnlyList<MenuLink> Items);

    public Task<Links> GetAsync() => tenant.Shell.GetOrLoadAsync(LoadAsync);

    private async Task<Links> LoadAsync()
    {
        var menu = await content.FirstPublishedAsync("Menu");
        if (menu is null)
        {
            return new Links([]);
        }
        var table = await routes.GetAsync();
        return new Links(Read(menu.Content[KnownParts.Menu]?["Items"] as JsonArray, table));
    }

    private static List<MenuLink> Read(JsonArray? items, PublicRoutes.Table table)
    {
        var links = new List<MenuLink>();
        foreach (var item in (items ?? []).OfType<JsonObject>())
        {
            var text = item["Text"]?.GetValue<string>() ?? string.Empty;
            string? url = item["Url"]?.GetValue<string>();
            if (item["ContentItemId"]?.GetValue<string>() is { } id)
            {
                // A link to an unpublished item is left out rather than shown broken.
                url = table.PathOfItem.TryGetValue(id, out var path) ? "/" + path : null;
            }
            if (url is not null)
            {
                links.Add(new MenuLink(text, url, Read(item["Items"] as JsonArray, table)));
            }
        }
        return links;
    }
}
