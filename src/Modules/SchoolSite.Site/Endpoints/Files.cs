using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media;
using SchoolSite.Media.Services;
using SchoolSite.Site.Services;

namespace SchoolSite.Site.Endpoints;

/// <summary>
/// The school's pictures and documents, every rendition and the original, served through the application so
/// the publication policy stands in front of every byte: a file the public may not see now is a 404 to them.
/// Staff who look after media (and those who confirm it) still see blocked files in the admin.
/// </summary>
public static class Files
{
    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/media/{id}/{rendition}", ServeAsync)
            .WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Media.Manifest.MediaFeature), new PublicChannelAttribute())
            .AllowAnonymous();

    private static async Task<IResult> ServeAsync(string id, string rendition, HttpContext http, PublicationPolicy policy, IMediaFileStore store,
        TenantContext tenant, IAuthorizationService authorization)
    {
        var status = await policy.FileAsync(id);
        if (status.Item is null || !status.Item.Renditions.Contains(rendition))
        {
            return Results.NotFound();
        }
        if (!status.Shown && !await IsMediaStaffAsync(http, authorization))
        {
            return Results.NotFound();
        }
        // On this node's own disk the kernel sends the file (sendfile); from blob storage it is streamed through.
        var local = store.LocalPath(tenant.Tenant.Name, id, rendition);
        var stream = local is null ? await store.OpenAsync(tenant.Tenant.Name, id, rendition, http.RequestAborted) : null;
        if (local is null && stream is null)
        {
            return Results.NotFound();
        }
        // A picture may stop being allowed at any time (consent, or who is said to be in it): shared caches keep it only briefly.
        http.Response.Headers.CacheControl = !status.Shown ? "private, no-store"
            : status.Item.IsPicture ? $"public, max-age={tenant.Shell.Section<MediaSettings>().PictureCacheSeconds}"
            : "public, max-age=300";
        // A document is downloaded, never opened inside the school's site (a PDF viewer in the page runs the file's
        // own actions), under a name made here: never one the uploader chose.
        var download = status.Item.IsPicture ? null : DownloadName(status.Item);
        return local is not null
            ? Results.File(local, status.Item.ContentType, download)
            : Results.Stream(stream!, status.Item.ContentType, download);
    }

    /// <summary>"Summer term newsletter" → summer-term-newsletter.pdf, from the alt text, the caption or the id.</summary>
    private static string DownloadName(MediaEntry item)
    {
        var words = new string(item.Name.ToLowerInvariant().Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var name = string.Join('-', words);
        if (name.Length > 60)
        {
            name = name[..60].TrimEnd('-');
        }
        return (name.Length > 0 ? name : "document") + ".pdf";
    }

    private static async Task<bool> IsMediaStaffAsync(HttpContext http, IAuthorizationService authorization)
    {
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return false;
        }
        foreach (var permission in new[] { Media.Permissions.UploadMedia, Media.Permissions.ConfirmPictures })
        {
            if ((await authorization.AuthorizeAsync(http.User, PermissionRequirement.Policy(permission))).Succeeded)
            {
                return true;
            }
        }
        return false;
    }
}
