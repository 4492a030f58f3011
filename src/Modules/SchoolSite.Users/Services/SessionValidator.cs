using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>
/// Checked on every request that carries a session: the ticket must have been issued by this tenant,
/// and the user must still exist, be enabled and hold the same security stamp. Disabling a user (which
/// also changes the stamp) therefore ends their sessions on the next request.
/// </summary>
public static class SessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var tenant = services.GetRequiredService<TenantContext>();
        var principal = context.Principal;
        if (principal is null || !tenant.HasTenant || principal.FindFirstValue(SchoolUserClaimsFactory.TenantClaim) != tenant.Tenant.Name)
        {
            context.RejectPrincipal();
            return;
        }
        var users = services.GetRequiredService<UserManager<SchoolUser>>();
        var user = await users.FindByIdAsync(principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty);
        var stamp = principal.FindFirstValue(users.Options.ClaimsIdentity.SecurityStampClaimType);
        if (user is null || user.IsDisabled || user.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        // Roles may have changed since sign-in: the principal always reflects the database.
        var factory = services.GetRequiredService<IUserClaimsPrincipalFactory<SchoolUser>>();
        context.ReplacePrincipal(await factory.CreateAsync(user));
    }
}
