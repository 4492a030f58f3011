using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>The signed-in principal: who, which tenant issued it, and which roles they hold there.</summary>
public sealed class SchoolUserClaimsFactory(UserManager<SchoolUser> users, IOptions<IdentityOptions> options, TenantContext tenant)
    : UserClaimsPrincipalFactory<SchoolUser>(users, options)
{
    public const string TenantClaim = "schoolsite:tenant";
    public const string TwoFactorClaim = "schoolsite:2fa";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(SchoolUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(TenantClaim, tenant.Tenant.Name));
        identity.AddClaim(new Claim(TwoFactorClaim, user.TwoFactorEnabled ? "on" : "off"));
        if (!string.IsNullOrEmpty(user.DisplayName))
        {
            identity.AddClaim(new Claim("name", user.DisplayName));
        }
        foreach (var role in await UserManager.GetRolesAsync(user))
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }
        return identity;
    }
}
