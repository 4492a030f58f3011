using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Cluster;
using SchoolSite.Core.Diagnostics;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Site.Services;

/// <summary>
/// Output caching of public pages, per tenant, tagged with what each page shows: the tenant (layout,
/// menu, settings), each item on it, and each content type it lists. A change evicts exactly those tags.
/// </summary>
public sealed class PublicPageCache : IOutputCachePolicy
{
    public const string PolicyName = "SchoolSite.PublicPage";

    public static string TenantTag(string tenant) => $"t:{tenant}";
    public static string ItemTag(string tenant, string contentItemId) => $"t:{tenant}:item:{contentItemId}";
    public static string TypeTag(string tenant, string contentType) => $"t:{tenant}:type:{contentType}";
    public static string MediaTag(string tenant, string mediaId) => $"t:{tenant}:media:{mediaId}";
    public static string PersonTag(string tenant, string personId) => $"t:{tenant}:person:{personId}";

    /// <summary>Adds tags for what the page being rendered shows.</summary>
    public static void Tag(HttpContext http, params string[] tags)
    {
        if (http.Features.Get<IOutputCacheFeature>()?.Context is { } context)
        {
            foreach (var tag in tags)
            {
                context.Tags.Add(tag);
            }
        }
    }

    /// <summary>This response must not be kept (it depends on who is asking).</summary>
    public static void DoNotCache(HttpContext http)
    {
        if (http.Features.Get<IOutputCacheFeature>()?.Context is { } context)
        {
            context.AllowCacheStorage = false;
        }
        http.Response.Headers.CacheControl = "private, no-store";
    }

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var tenant = http.RequestServices.GetRequiredService<TenantContext>();
        // A node that cannot hear the others (Redis lost) serves no page from memory: it may have missed a withdrawal.
        var cacheable = tenant.HasTenant && !tenant.IsHost
            && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            && !http.Request.Headers.ContainsKey("Authorization")
            && http.RequestServices.GetRequiredService<INodeLink>().InSync
            && !http.RequestServices.GetRequiredService<BenchCacheBypass>().Asks(http.Request);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (cacheable)
        {
            context.CacheVaryByRules.VaryByHost = true;
            context.CacheVaryByRules.VaryByValues["tenant"] = tenant.Tenant.Name;
            // Pages kept for one load of the school: when the shell is dropped (a change on another node, the link to
            // Redis back after an outage), its pages go with it.
            context.CacheVaryByRules.VaryByValues["shell"] = tenant.Shell.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture);
            // Consent counts per school year: when the year rolls over, every page is rendered afresh.
            var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            context.CacheVaryByRules.VaryByValues["year"] = SchoolYear.Of(now, tenant.Shell.Settings).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.CacheVaryByRules.QueryKeys = "page";
            context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
            context.Tags.Add(TenantTag(tenant.Tenant.Name));
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        SchoolSiteMetrics.PageCacheHit();
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// For the benchmark harness only (bench/README.md): with <c>SchoolSite:Bench:CacheBypassToken</c> set, a request carrying
/// that token in <c>X-SchoolSite-Bench-Bypass</c> is rendered afresh instead of served from the output cache, so the
/// harness can measure uncached pages. Unset (every real installation) it does nothing.
/// </summary>
public sealed class BenchCacheBypass(Microsoft.Extensions.Configuration.IConfiguration configuration)
{
    public const string Header = "X-SchoolSite-Bench-Bypass";

    private readonly string? _token = configuration["SchoolSite:Bench:CacheBypassToken"] is { Length: >= 16 } token ? token : null;

    public bool Asks(HttpRequest request)
        => _token is not null && request.Headers.TryGetValue(Header, out var sent)
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(sent.ToString()), System.Text.Encoding.UTF8.GetBytes(_token));
}
