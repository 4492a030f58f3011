using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;

namespace SchoolSite.Contents.Endpoints;

/// <summary>
/// The editor's scripts and styles (and the vendored editor's licences), built into the module and served by it:
/// no npm, no CDN and no network at run time, and nothing but the site's own files for the CSP to allow. Only
/// people who may open the admin fetch them. Each address carries a hash of the file, so a browser may keep it.
/// </summary>
public static class EditorAssets
{
    private const string Prefix = "SchoolSite.Contents.Assets.";

    private sealed record Asset(byte[] Bytes, string ContentType, string Version);

    private static readonly FrozenDictionary<string, Asset> Files = Load();

    /// <summary>The address of an asset under the school, e.g. "/assets/contents/rich-text.js?v=1a2b3c4d".</summary>
    public static string Url(string name)
        => Files.TryGetValue(name, out var asset) ? $"/assets/contents/{name}?v={asset.Version}" : throw new ArgumentException($"There is no editor asset '{name}'.", nameof(name));

    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/assets/contents/{name}", (string name, string? v, HttpContext http) =>
            {
                if (!Files.TryGetValue(name, out var asset))
                {
                    return Results.NotFound();
                }
                http.Response.Headers.CacheControl = v == asset.Version ? "private, max-age=31536000, immutable" : "private, no-cache";
                return Results.Bytes(asset.Bytes, asset.ContentType);
            })
            .WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Manifest.ContentsFeature))
            .RequireAuthorization(new AuthorizeAttribute(PermissionRequirement.Policy(CorePermissions.AccessAdmin)));

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(EditorAssets).Assembly;
        var files = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var bytes = memory.ToArray();
            var name = resource[Prefix.Length..];
            var type = Path.GetExtension(name) switch
            {
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => "text/plain; charset=utf-8",
            };
            files[name] = new Asset(bytes, type, Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
        }
        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
