using Microsoft.AspNetCore.Http;

namespace SchoolSite.Core.Hosting;

/// <summary>
/// Security headers on every response, whatever produced it. A school's pages may send forms only to that
/// school's own addresses: schools served by prefix share one origin, so 'self' would let a form in one
/// school's template post to another school or to the trust.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; " +
        "base-uri 'self'; frame-ancestors 'none'; form-action ";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            var tenant = http.RequestServices.GetService(typeof(Tenancy.TenantContext)) as Tenancy.TenantContext;
            var formTargets = tenant is { HasTenant: true, IsHost: false } && tenant.Tenant.PathBase.Length > 0
                ? $"{http.Request.Scheme}://{http.Request.Host}{tenant.Tenant.PathBase}/"
                : "'self'";
            headers.ContentSecurityPolicy = ContentSecurityPolicy + formTargets;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
