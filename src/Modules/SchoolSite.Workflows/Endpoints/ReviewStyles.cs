using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SchoolSite.Core.Security;

namespace SchoolSite.Workflows.Endpoints;

/// <summary>
/// The review screen's and the getting-started list's styles, as a file (the site's CSP allows no inline style):
/// the colours of added and removed words, picture thumbnails. For signed-in staff only.
/// </summary>
public static class ReviewStyles
{
    private static readonly byte[] Stylesheet = Load();

    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/admin/review.css", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.Bytes(Stylesheet, "text/css; charset=utf-8");
        }).RequireAuthorization(new AuthorizeAttribute(PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin));

    private static byte[] Load()
    {
        using var stream = typeof(ReviewStyles).Assembly.GetManifestResourceStream("SchoolSite.Workflows.review.css")!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
