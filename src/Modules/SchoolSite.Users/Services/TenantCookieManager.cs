using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Users.Services;

/// <summary>
/// Gives every tenant its own authentication cookies: the tenant's name is part of the cookie name and
/// the cookie's path is the tenant's prefix, so one school's browser session is never sent to another's.
/// </summary>
public sealed class TenantCookieManager : ICookieManager
{
    private readonly ChunkingCookieManager _inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, TenantKey(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
        => _inner.AppendResponseCookie(context, TenantKey(context, key), value, WithTenantPath(context, options));

    public void DeleteCookie(HttpContext context, string key, CookieOptions options)
        => _inner.DeleteCookie(context, TenantKey(context, key), WithTenantPath(context, options));

    private static string TenantKey(HttpContext context, string key)
    {
        var tenant = context.RequestServices.GetService<TenantContext>();
        return tenant is { HasTenant: true } ? key + "." + tenant.Tenant.Name : key;
    }

    private static CookieOptions WithTenantPath(HttpContext context, CookieOptions options)
        => new(options) { Path = context.Request.PathBase.HasValue ? context.Request.PathBase.Value : "/" };
}
