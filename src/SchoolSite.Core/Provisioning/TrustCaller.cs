using Microsoft.AspNetCore.Http;

namespace SchoolSite.Core.Provisioning;

/// <summary>
/// Who changes the trust's school sites (named in the trust's audit trail), and the host they reached the trust
/// dashboard on: that host is the trust's own, whatever SchoolSite:Hosts says. The command line comes in on none.
/// </summary>
public sealed record TrustCaller(string Actor, string? Host = null)
{
    public static readonly TrustCaller System = new(Security.Actor.System.Name);

    public static readonly TrustCaller CommandLine = new("command line");

    public static TrustCaller Of(HttpContext http) => new(Security.Actor.Of(http.User).Name, http.Request.Host.Host);
}
