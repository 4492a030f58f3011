using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.Extensions.Options;

namespace SchoolSite.Web;

/// <summary>
/// How people reach the site, read once from configuration: the reverse proxies whose forwarded headers are believed
/// (SchoolSite:KnownProxies), whether the site is served over https (SchoolSite:PublicOrigin is https, or Kestrel has a
/// certificate) and so sends HSTS and redirects http, and whether cookies must be Secure.
/// </summary>
public sealed record TransportSecurity(
    IReadOnlyList<IPAddress> Proxies,
    IReadOnlyList<System.Net.IPNetwork> ProxyNetworks,
    bool Https,
    bool KestrelServesHttps,
    int? HttpsPort,
    CookieSecurePolicy Cookies)
{
    public const string KnownProxiesKey = "SchoolSite:KnownProxies";
    public const string PublicOriginKey = "SchoolSite:PublicOrigin";

    /// <summary>
    /// Cookies are Secure everywhere but on a developer's machine and in the tests, which run over http; a trust that
    /// really serves plain http (a trial on its own network) says so with an http PublicOrigin.
    /// </summary>
    public static TransportSecurity From(IConfiguration configuration, IHostEnvironment environment)
    {
        var (proxies, networks) = ReadProxies(configuration);
        var origin = ReadOrigin(configuration);
        var kestrel = KestrelHasCertificate(configuration);
        var https = origin?.Scheme == Uri.UriSchemeHttps || kestrel;
        var cookies = origin is not null
            ? (origin.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest)
            : environment.IsDevelopment() || environment.IsEnvironment("Testing") ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        var port = origin?.Scheme == Uri.UriSchemeHttps ? origin.Port : (int?)null;
        return new TransportSecurity(proxies, networks, https, kestrel, port, cookies);
    }

    private static (List<IPAddress>, List<System.Net.IPNetwork>) ReadProxies(IConfiguration configuration)
    {
        var section = configuration.GetSection(KnownProxiesKey);
        // A list (SchoolSite__KnownProxies__0=…) or one comma-separated value (SchoolSite__KnownProxies=10.0.0.1,10.1.0.0/16).
        var entries = section.Value is { Length: > 0 } single
            ? single.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToArray();
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in entries)
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (!entry.Contains('/') && IPAddress.TryParse(entry, out var address))
            {
                proxies.Add(address);
            }
            else
            {
                throw new InvalidOperationException(
                    $"{KnownProxiesKey}: '{entry}' is not an IP address (10.0.0.5) or a network (10.0.0.0/8). List the addresses of your reverse proxies.");
            }
        }
        return (proxies, networks);
    }

    private static Uri? ReadOrigin(IConfiguration configuration)
    {
        var value = configuration[PublicOriginKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var origin) || origin.Scheme is not ("http" or "https") || origin.PathAndQuery != "/")
        {
            throw new InvalidOperationException(
                $"{PublicOriginKey}: '{value}' is not an origin. Give the scheme and host people use for the trust dashboard, e.g. https://schools.trust.example.");
        }
        return origin;
    }

    /// <summary>Kestrel serves https itself: a default certificate, an endpoint with one, or an https address.</summary>
    private static bool KestrelHasCertificate(IConfiguration configuration)
    {
        var kestrel = configuration.GetSection("Kestrel");
        return kestrel.GetSection("Certificates:Default").GetChildren().Any()
            || kestrel.GetSection("Endpoints").GetChildren().Any(e => e.GetSection("Certificate").GetChildren().Any()
                || (e["Url"]?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ?? false))
            || (configuration["urls"] ?? configuration["ASPNETCORE_URLS"] ?? string.Empty).Contains("https://", StringComparison.OrdinalIgnoreCase);
    }
}

public static class TransportSecurityServices
{
    public static void AddTransportSecurity(this IServiceCollection services)
    {
        // Read from the built configuration: settings a host adds late (tests, hosting environments) count too.
        services.AddSingleton(sp => TransportSecurity.From(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        services.AddOptions<ForwardedHeadersOptions>().Configure<TransportSecurity>((options, transport) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the trust's own proxies: ASP.NET Core believes loopback by default, which a proxy on the same machine would make everyone.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in transport.Proxies)
            {
                options.KnownProxies.Add(proxy);
            }
            foreach (var network in transport.ProxyNetworks)
            {
                options.KnownIPNetworks.Add(network);
            }
            // Walk back through every proxy the trust names (a load balancer behind a CDN), stopping at the first it does not.
            options.ForwardLimit = null;
        });
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddOptions<HttpsRedirectionOptions>().Configure<TransportSecurity, IHostEnvironment>((options, transport, environment) =>
        {
            options.HttpsPort = transport.HttpsPort;
            options.RedirectStatusCode = environment.IsDevelopment() ? StatusCodes.Status307TemporaryRedirect : StatusCodes.Status308PermanentRedirect;
        });
        // Sign-in, two-factor and every other cookie: Secure on each, and the cookie policy enforces it for all.
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>>(sp => new PostConfigureOptions<CookieAuthenticationOptions, TransportSecurity>(
            name: null, sp.GetRequiredService<TransportSecurity>(), (options, transport) => options.Cookie.SecurePolicy = transport.Cookies));
        services.AddOptions<CookiePolicyOptions>().Configure<TransportSecurity>((options, transport) => options.Secure = transport.Cookies);
        // Antiforgery refuses to run over http when told "Always"; behind a proxy not (yet) named in KnownProxies the
        // request looks like http, so outside an https-only site the cookie policy marks its cookie Secure instead.
        services.AddOptions<AntiforgeryOptions>().PostConfigure<TransportSecurity>((options, transport)
            => options.Cookie.SecurePolicy = transport.Https ? transport.Cookies : CookieSecurePolicy.SameAsRequest);
    }

    /// <summary>First in the pipeline: everything after sees the caller's address and scheme as the proxy saw them.</summary>
    public static void UseTransportSecurity(this WebApplication app)
    {
        var transport = app.Services.GetRequiredService<TransportSecurity>();
        app.UseForwardedHeaders();
        if (transport.Https)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseCookiePolicy();
        var proxies = transport.Proxies.Count + transport.ProxyNetworks.Count;
        if (transport.Cookies == CookieSecurePolicy.Always && !transport.Https && proxies == 0)
        {
            app.Logger.LogWarning("Cookies are sent over https only, but neither {PublicOrigin} nor {KnownProxies} is set: serve the site over https, "
                + "name the TLS proxy in front of it, or set an http:// PublicOrigin for a trial without https.",
                TransportSecurity.PublicOriginKey, TransportSecurity.KnownProxiesKey);
        }
        if (transport.Https && !transport.KestrelServesHttps && proxies == 0)
        {
            app.Logger.LogWarning("{PublicOrigin} is https but this server has no certificate and {KnownProxies} is empty: every request from the "
                + "TLS proxy in front of it looks like http and is redirected to https again. Name the proxy there.",
                TransportSecurity.PublicOriginKey, TransportSecurity.KnownProxiesKey);
        }
    }
}
