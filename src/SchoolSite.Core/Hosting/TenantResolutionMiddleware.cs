using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Hosting;

/// <summary>
/// Resolves the tenant of each request from the in-memory registry, answers for tenants that cannot
/// serve, and moves a matched URL prefix into PathBase so that every tenant shares one set of routes.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next, TenantRegistry registry, TenantShells shells, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var match = registry.Resolve(context.Request.Host.Value ?? string.Empty, context.Request.Path.Value ?? "/");
        if (match is not { } resolved)
        {
            // Never fall back to another school's site, and never say which sites exist.
            await PlainPage.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", "There is no site at this address.");
            return;
        }
        var tenant = resolved.Tenant;
        switch (tenant.State)
        {
            case TenantState.Disabled:
                await PlainPage.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Site unavailable", "This site is not available at the moment.");
                return;
            case TenantState.Initializing or TenantState.Uninitialized:
                context.Response.Headers.RetryAfter = "10";
                await PlainPage.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Site being set up", "This site is being set up. Please try again in a moment.");
                return;
        }

        var shell = await shells.GetAsync(tenant, context.RequestAborted);
        shell.Used(time.GetUtcNow());
        context.RequestServices.GetRequiredService<TenantContext>().Enter(tenant, shell);

        if (resolved.MatchedPrefix is null)
        {
            await next(context);
            return;
        }
        var originalPathBase = context.Request.PathBase;
        var originalPath = context.Request.Path;
        var prefixLength = resolved.MatchedPrefix.Length + 1;
        context.Request.PathBase = originalPathBase.Add(new PathString(originalPath.Value![..prefixLength]));
        context.Request.Path = new PathString(originalPath.Value.Length == prefixLength ? "/" : originalPath.Value[prefixLength..]);
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.PathBase = originalPathBase;
            context.Request.Path = originalPath;
        }
    }
}
