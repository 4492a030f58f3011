using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Tenancy;
using SchoolSite.Site.Services;

namespace SchoolSite.Site.Endpoints;

/// <summary>The latest version of an item, exactly as the public page will show it once published (signed-in staff with PreviewContent).</summary>
public static class Preview
{
    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/preview/{id}", PreviewAsync)
            .WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Manifest.SiteFeature))
            .RequireAuthorization();

    private static async Task<IResult> PreviewAsync(string id, HttpContext http, ContentManager content, ContentAuthorization rights, ViewBuilder views,
        ThemeRenderer renderer, PublishedLists queries, PublicationPolicy policy, ContentDefinitionStore definitions, TenantContext tenant, TimeProvider time)
    {
        var item = await content.GetAsync(id, VersionOption.Latest);
        if (item is null)
        {
            return Results.NotFound();
        }
        if (!await rights.CanAsync(http.User, ContentAction.Preview, item))
        {
            return Results.Forbid();
        }
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        return PublicSite.Html(await PublicSite.RenderItemAsync(http, item, views, renderer, queries, policy, definitions, tenant, time));
    }
}
