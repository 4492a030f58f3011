using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SchoolSite.Core.Data;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Users.Services;

/// <summary>
/// Where the links in account e-mails point. Not simply wherever the request that asked came from: "forgot password"
/// is anonymous, and a forged Host header would otherwise put a person's reset link on someone else's server (reset
/// poisoning). The request's host is used only when the installation knows it (a school's own host, SchoolSite:Hosts,
/// the host of SchoolSite:PublicOrigin); otherwise PublicOrigin; an installation with neither answers any host
/// (a trial or development) and the request's host is all there is.
/// </summary>
public sealed class AccountLinkAddress(IOptions<SchoolSiteOptions> options, TenantContext tenant)
{
    /// <summary>The tenant's address, e.g. "https://schools.trust.example/oakwood", without a final slash.</summary>
    public string BaseFor(HttpRequest request)
    {
        var host = request.Host.Host;
        var publicOrigin = Uri.TryCreate(options.Value.PublicOrigin, UriKind.Absolute, out var origin) ? origin : null;
        var known = tenant.Tenant.Hosts.Concat(options.Value.Hosts).Append(publicOrigin?.Host ?? string.Empty)
            .Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase));
        if (!known && publicOrigin is not null)
        {
            return publicOrigin.GetLeftPart(UriPartial.Authority) + tenant.Tenant.PathBase;
        }
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
