using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Handlers;
using SchoolSite.Contents.Models;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Contents.Services;

/// <summary>
/// A link an item makes: where it is (the field's name), the words people click, and where it goes. An address in
/// text or a link field is written as the browser follows it (with the school's prefix, "/oakwood/about"); a menu
/// entry's address is the school's own ("/about", the site adds the prefix), or it names an item.
/// </summary>
public sealed record ItemLink(string Area, string Text, string? Href, bool InMenu = false, string? ContentItemId = null);

/// <summary>
/// Whether the links in an item go somewhere on the school's site: to a published page, an old address that
/// now moves to one, or an address the site itself answers. Outside links are not followed (nothing leaves the
/// server), and pictures and documents are the picture checks' business. The editor, the review screen and the
/// editor's live check all ask here, so they agree.
/// </summary>
public sealed partial class LinkCheck(ContentsDbContext db, TenantContext tenant)
{
    /// <summary>Addresses the public site answers that are not items (feeds and files).</summary>
    private static readonly IReadOnlySet<string> SiteAddresses = new HashSet<string>(StringComparer.Ordinal)
    {
        string.Empty, "news/rss", "sitemap.xml", "robots.txt", "theme.css",
    };

    /// <summary>Every link in the item: its body, HTML fields, link fields and menu entries.</summary>
    public static IEnumerable<ItemLink> In(ContentItem item, ContentTypeDefinition type, ContentDefinitionSet definitions)
    {
        foreach (var link in InHtml("Text", item.Text(KnownParts.HtmlBody, "Html")))
        {
            yield return link;
        }
        foreach (var (part, field) in definitions.FieldsOf(type))
        {
            var value = item.Content[part.Name]?[field.Name] as JsonObject;
            if (field.FieldName == KnownFields.Html)
            {
                foreach (var link in InHtml(field.DisplayName, Text(value, "Html")))
                {
                    yield return link;
                }
            }
            else if (field.FieldName == KnownFields.Link && Text(value, "Url") is { Length: > 0 } url)
            {
                yield return new ItemLink(field.DisplayName, Text(value, "Text") is { Length: > 0 } words ? words : url, url);
            }
        }
        foreach (var link in InMenu(item.Content[KnownParts.Menu]?["Items"] as JsonArray))
        {
            yield return link;
        }
    }

    /// <summary>The &lt;a href&gt; links in a piece of rich text, with the words inside each.</summary>
    public static IEnumerable<ItemLink> InHtml(string area, string? html)
    {
        if (string.IsNullOrEmpty(html) || !html.Contains("<a", StringComparison.OrdinalIgnoreCase))
        {
            yield break;
        }
        foreach (Match match in Anchor().Matches(html))
        {
            var words = WebUtility.HtmlDecode(Tags().Replace(match.Groups["text"].Value, string.Empty)).Trim();
            var href = WebUtility.HtmlDecode(match.Groups["href"].Value);
            yield return new ItemLink(area, words.Length > 0 ? words : href, href);
        }
    }

    /// <summary>The entries of a menu, sub-entries included.</summary>
    public static IEnumerable<ItemLink> InMenu(JsonArray? items)
    {
        foreach (var entry in (items ?? []).OfType<JsonObject>())
        {
            yield return new ItemLink("Menu", Text(entry, "Text") ?? string.Empty, Text(entry, "Url"), InMenu: true, Text(entry, "ContentItemId"));
            foreach (var child in InMenu(entry["Items"] as JsonArray))
            {
                yield return child;
            }
        }
    }

    /// <summary>A warning for each link that goes nowhere on the site; a warning, never a veto (a page may be published later).</summary>
    public async Task<IReadOnlyList<ContentCheck>> CheckAsync(IEnumerable<ItemLink> links)
    {
        var wanted = links.Where(l => l.ContentItemId is not null || IsInternal(l.Href)).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }
        var known = await AddressesAsync();
        var checks = new List<ContentCheck>();
        foreach (var link in wanted)
        {
            if (Problem(link, known) is { } problem)
            {
                checks.Add(new ContentCheck(link.Area, CheckSeverity.Warning, $"The link '{link.Text}' {problem}", link.Href ?? link.ContentItemId));
            }
        }
        return checks;
    }

    /// <summary>What the site knows: addresses of published items, of drafts, and old addresses that move on.</summary>
    private sealed record Known(HashSet<string> Published, HashSet<string> Drafts, HashSet<string> Moved, HashSet<string> PublishedIds, Dictionary<string, string> Titles);

    private async Task<Known> AddressesAsync()
    {
        var items = await db.ContentItems.AsNoTracking().Where(i => (i.Latest || i.Published) && i.DeletedUtc == null)
            .Select(i => new { i.ContentItemId, i.Path, i.Published, i.DisplayText }).ToListAsync();
        var moved = await db.Redirects.AsNoTracking().Select(r => new { r.Path, r.ContentItemId }).ToListAsync();
        var publishedIds = items.Where(i => i.Published).Select(i => i.ContentItemId).ToHashSet(StringComparer.Ordinal);
        return new Known(
            items.Where(i => i.Published && i.Path is not null).Select(i => i.Path!).ToHashSet(StringComparer.Ordinal),
            items.Where(i => !i.Published && i.Path is not null).Select(i => i.Path!).ToHashSet(StringComparer.Ordinal),
            moved.Where(r => publishedIds.Contains(r.ContentItemId)).Select(r => r.Path).ToHashSet(StringComparer.Ordinal),
            publishedIds,
            items.GroupBy(i => i.ContentItemId).ToDictionary(g => g.Key, g => g.First().DisplayText, StringComparer.Ordinal));
    }

    private string? Problem(ItemLink link, Known known)
    {
        if (link.ContentItemId is { } id)
        {
            return known.PublishedIds.Contains(id) ? null
                : known.Titles.TryGetValue(id, out var title) ? $"goes to '{title}', which is not published yet: the menu leaves it out until it is."
                : "goes to a page that no longer exists: the menu leaves it out.";
        }
        var href = link.Href!;
        var pathBase = tenant.Tenant.PathBase;
        var address = href.Split('#', 2)[0].Split('?', 2)[0];
        if (!link.InMenu && pathBase.Length > 0)
        {
            if (!address.Equals(pathBase, StringComparison.OrdinalIgnoreCase) && !address.StartsWith(pathBase + "/", StringComparison.OrdinalIgnoreCase))
            {
                return $"goes to {href}, which is outside this school's site: its addresses start with {pathBase}/.";
            }
            address = address[pathBase.Length..];
        }
        var path = address.Trim('/').ToLowerInvariant();
        if (SiteAddresses.Contains(path) || AutoroutePartHandler.Reserved.Contains(path.Split('/')[0])
            || known.Published.Contains(path) || known.Moved.Contains(path))
        {
            return null;
        }
        return known.Drafts.Contains(path)
            ? $"goes to {href}, which is not published yet: visitors would find no page there."
            : $"goes to {href}, which is not a page on this site: visitors would find no page there.";
    }

    /// <summary>An address on this host: starts with one slash (two would be another site).</summary>
    private static bool IsInternal(string? href) => href is { Length: > 0 } && href[0] == '/' && !href.StartsWith("//", StringComparison.Ordinal);

    private static string? Text(JsonObject? value, string property) => value?[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    [GeneratedRegex("""<a\b[^>]*?\bhref\s*=\s*"(?<href>[^"]*)"[^>]*>(?<text>(?:(?!</a>).)*)</a>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Anchor();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}

/// <summary>The link check as one of the checks editors and reviewers see before publishing.</summary>
public sealed class LinkChecker(LinkCheck links) : IContentChecker
{
    public Task<IReadOnlyList<ContentCheck>> CheckAsync(ContentItem item, ContentTypeDefinition type, ContentDefinitionSet definitions)
        => links.CheckAsync(LinkCheck.In(item, type, definitions));
}
