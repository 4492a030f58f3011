using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Contents.Endpoints;

/// <summary>
/// What the content editor's scripts ask while someone writes: the school's pages to link to or put in the menu,
/// and whether the links typed so far go anywhere. Only for people who may write content.
/// </summary>
public static class EditorApi
{
    /// <summary>The most pages the picker lists (a school has far fewer).</summary>
    public const int MostPages = 2_000;

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/editor")
            .WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Manifest.ContentsFeature))
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiAuthentication.Schemes });
        api.MapGet("/pages", PagesAsync);
        api.MapPost("/links", LinksAsync);
    }

    /// <summary>Every item with an address, drafts too (marked), by title: "Our staff (Page) · /oakwood/staff".</summary>
    private static async Task<IResult> PagesAsync(HttpContext http, ContentAuthorization rights, ContentsDbContext db, ContentDefinitionStore definitions, TenantContext tenant)
    {
        if (!await rights.CanAsync(http.User, ContentAction.Edit, null))
        {
            return Forbidden();
        }
        var types = await definitions.GetAsync();
        var items = await db.ContentItems.AsNoTracking().Where(i => i.Latest && i.DeletedUtc == null && i.Path != null)
            .OrderBy(i => i.DisplayText).ThenBy(i => i.Id).Take(MostPages)
            .Select(i => new { i.ContentItemId, i.DisplayText, i.ContentType, i.Path, i.Published }).ToListAsync();
        // The latest version may be a draft of a page that is published: it counts as published (its address answers).
        var ids = items.Select(i => i.ContentItemId).ToList();
        var published = (await db.ContentItems.AsNoTracking().Where(i => i.Published && i.DeletedUtc == null && ids.Contains(i.ContentItemId))
            .Select(i => i.ContentItemId).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var pathBase = tenant.Tenant.PathBase;
        return Results.Json(new JsonObject
        {
            ["base"] = pathBase,
            ["pages"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject
            {
                ["id"] = i.ContentItemId,
                ["title"] = i.DisplayText,
                ["type"] = types.Type(i.ContentType)?.DisplayName ?? i.ContentType,
                ["path"] = "/" + i.Path,
                ["url"] = $"{pathBase}/{i.Path}",
                ["published"] = published.Contains(i.ContentItemId),
            }).ToArray()),
        });
    }

    /// <summary>The input of a live check: the rich text being written, or the menu as it stands.</summary>
    public sealed record LinksInput([property: MaxLength(TextLimits.Line)] string? Area, [property: MaxLength(TextLimits.Html)] string? Html,
        List<MenuEntryInput?>? Menu);

    /// <summary>A menu entry as the menu editor sends it: the words, and a page or an address; entries under it one level down.</summary>
    public sealed record MenuEntryInput([property: MaxLength(TextLimits.Line)] string? Text, [property: MaxLength(TextLimits.Address)] string? Url,
        [property: MaxLength(TextLimits.Line)] string? ContentItemId, List<MenuEntryInput?>? Items);

    private static async Task<IResult> LinksAsync(HttpContext http, ContentAuthorization rights, LinkCheck check)
    {
        if (!await rights.CanAsync(http.User, ContentAction.Edit, null))
        {
            return Forbidden();
        }
        var (body, error) = await JsonBody.ReadAsync<LinksInput>(http);
        if (body is null)
        {
            return error!;
        }
        var links = body.Menu is not null ? InMenu(body.Menu) : LinkCheck.InHtml(body.Area ?? "Text", body.Html);
        var found = await check.CheckAsync(links);
        return Results.Json(found.Select(c => new { area = c.Area, message = c.Message, href = c.Match }));
    }

    private static IEnumerable<ItemLink> InMenu(IEnumerable<MenuEntryInput?>? entries)
        => (entries ?? []).OfType<MenuEntryInput>()
            .SelectMany(e => InMenu(e.Items).Prepend(new ItemLink("Menu", e.Text ?? string.Empty, e.Url, InMenu: true, e.ContentItemId)));

    private static IResult Forbidden() => Results.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: "You may not write content, so the editor's lists are not open to you. Ask an administrator for a role that writes content.");
}
