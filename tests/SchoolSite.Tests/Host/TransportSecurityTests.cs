using System.Net;
using System.Text.RegularExpressions;

namespace SchoolSite.Tests.Host;

/// <summary>
/// Served over https behind the trust's proxy: HSTS and a redirect from http, Secure cookies, and the proxy's word
/// on the scheme taken only from the proxy the trust names. A developer's http://localhost keeps working.
/// </summary>
public sealed partial class TransportSecurityTests
{
    private const string Proxy = "10.0.0.1";

    [Fact]
    public async Task With_an_https_public_origin_https_gets_hsts_and_http_is_redirected()
    {
        await using var factory = Start(publicOrigin: "https://trust.example");

        using var https = factory.ClientFrom("198.51.100.7", "https://trust.example/");
        var page = await https.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(page.Headers.GetValues("Strict-Transport-Security")));

        using var http = factory.ClientFrom("198.51.100.7", "http://trust.example/");
        var redirect = await http.GetAsync("/login?returnUrl=%2Fadmin");
        Assert.Equal(HttpStatusCode.PermanentRedirect, redirect.StatusCode);
        Assert.Equal("https://trust.example/login?returnUrl=%2Fadmin", redirect.Headers.Location!.ToString());
    }

    [Fact]
    public async Task In_production_cookies_are_secure_even_on_a_request_that_looks_like_http()
    {
        // Behind a TLS proxy the trust has not named yet, every request looks like http: the browser still gets Secure cookies.
        await using var production = Start(publicOrigin: null, environment: "Production");
        using var http = production.ClientFrom("198.51.100.7", "http://trust.example/");
        var (antiforgery, signIn) = await SignInAsync(http);
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", signIn, StringComparison.OrdinalIgnoreCase);
        Assert.False((await http.GetAsync("/login")).Headers.Contains("Strict-Transport-Security"), "No HSTS without an https origin or certificate.");
    }

    [Fact]
    public async Task In_testing_as_in_development_plain_http_signs_in_with_cookies_not_marked_secure()
    {
        // What `dotnet run` on http://localhost:5000 relies on.
        await using var testing = Start(publicOrigin: null);
        using var http = testing.ClientFrom("198.51.100.7", "http://trust.example/");
        var (antiforgery, signIn) = await SignInAsync(http);
        Assert.DoesNotContain("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", signIn, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forwarded_proto_makes_the_request_https_only_when_it_comes_from_a_known_proxy()
    {
        await using var factory = Start(publicOrigin: "https://trust.example");

        using var throughProxy = factory.ClientFrom(Proxy, "http://trust.example/");
        throughProxy.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        throughProxy.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");
        var served = await throughProxy.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.True(served.Headers.Contains("Strict-Transport-Security"));
        Assert.Contains("secure", SetCookie(served, ".AspNetCore.Antiforgery"), StringComparison.OrdinalIgnoreCase);

        using var stranger = factory.ClientFrom("10.0.0.2", "http://trust.example/");
        stranger.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var refused = await stranger.GetAsync("/login");
        Assert.Equal(HttpStatusCode.PermanentRedirect, refused.StatusCode);
        Assert.False(refused.Headers.Contains("Strict-Transport-Security"));
    }

    private static ProxiedFactory Start(string? publicOrigin, string environment = "Testing")
    {
        var factory = new ProxiedFactory(environment);
        factory.Extra["SchoolSite:Hosts:0"] = "trust.example";
        factory.Extra["SchoolSite:KnownProxies:0"] = Proxy;
        factory.Extra["SchoolSite:PublicOrigin"] = publicOrigin;
        _ = factory.Server;
        return factory;
    }

    /// <summary>Signs the trust administrator in the way a browser does; returns the antiforgery and sign-in Set-Cookie headers.</summary>
    private static async Task<(string Antiforgery, string SignIn)> SignInAsync(HttpClient client)
    {
        var page = await client.GetAsync("/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var antiforgery = SetCookie(page, ".AspNetCore.Antiforgery");
        var token = WebUtility.HtmlDecode(Token().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = Infrastructure.SchoolSiteFactory.TrustAdminEmail,
                ["Input.Password"] = Infrastructure.SchoolSiteFactory.TrustAdminPassword,
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (antiforgery, SetCookie(signedIn, ".SchoolSite.Auth"));
    }

    private static string SetCookie(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith(name, StringComparison.Ordinal)) is { } cookie
            ? cookie
            : throw new Xunit.Sdk.XunitException($"No {name} cookie was set (status {(int)response.StatusCode}).");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
