using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SchoolSite.Core.Diagnostics;
using SchoolSite.Core.Modules;

namespace SchoolSite.Web.Endpoints;

/// <summary>
/// For the reverse proxy and the operator, on the trust's address: <c>/health/live</c> (the process answers) and
/// <c>/health/ready</c> (the trust's database, its migrations, Redis when configured, the media store), as JSON with
/// one line per check. Unhealthy is 503; degraded (Redis lost, the node failing closed) still serves, so 200.
/// </summary>
public static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata(["GET"]), new HostOnlyAttribute(), new NoSchoolContentAttribute("whether this web node is running"))
            .AllowAnonymous();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(HealthTags.Ready), ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata(["GET"]), new HostOnlyAttribute(), new NoSchoolContentAttribute("whether this web node can serve"))
            .AllowAnonymous();
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: http.RequestAborted);
    }
}
