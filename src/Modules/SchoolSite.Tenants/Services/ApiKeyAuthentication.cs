using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Tenants.Services;

/// <summary>
/// "Authorization: Bearer ssk_…" on the trust's API. A key acts for the trust, with the permission to
/// manage tenants only; it means nothing on a school's site.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeys keys, TenantContext tenant)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TrustApiKey";

    /// <summary>The permission to read every school's checklist of what it must publish (declared by the Statutory module).</summary>
    public const string TrustReportingPermission = "ViewTrustStatutoryOverview";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        if (!tenant.HasTenant || !tenant.IsHost)
        {
            return AuthenticateResult.Fail("Trust API keys are accepted on the trust dashboard only.");
        }
        var key = await keys.FindValidAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("The API key is not valid or has been revoked.");
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "apikey:" + key.Id),
            new Claim(ClaimTypes.Name, "API key " + key.Name),
            new Claim(PermissionHandler.PermissionClaim, Permissions.ManageTenants),
            // The trust's own reporting reads what its schools publish (the Statutory module's trust overview).
            new Claim(PermissionHandler.PermissionClaim, TrustReportingPermission),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
