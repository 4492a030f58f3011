using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Provisioning;
using SchoolSite.Core.Tenancy;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Kernel;

/// <summary>Which site answers a request, and what a visitor sees when none or a disabled one does.</summary>
public sealed class TenantResolutionTests(SqliteSchools fixture) : IClassFixture<SqliteSchools>
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Theory]
    [InlineData("localhost", "/no-such-school/")]
    [InlineData("localhost", "/no-such-school/admin")]
    [InlineData("unknown.example", "/")]
    [InlineData("unknown.example", "/alpha/")]
    public async Task Unknown_prefix_or_host_answers_404_naming_no_site(string host, string path)
    {
        using var visitor = new Browser(Factory, host);
        var response = await visitor.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        foreach (var name in new[] { "alpha", "Alpha Primary", "beta", "Beta Academy", "Trust", "demo" })
        {
            Assert.DoesNotContain(name, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_school_answers_on_its_own_host_and_its_path_is_not_taken_by_another()
    {
        await Factory.CreateSchoolAsync("hosted", "Hosted Infant School", prefix: null, hosts: ["hosted.example"]);

        using var onHost = new Browser(Factory, "hosted.example");
        Assert.Contains("Hosted Infant School", await onHost.GetPageAsync("/"));
        // /alpha on hosted.example is hosted's own (missing) page, never alpha's site.
        var alphaPath = await onHost.GetAsync("/alpha/");
        Assert.Equal(HttpStatusCode.NotFound, alphaPath.StatusCode);
        Assert.DoesNotContain("Alpha Primary", await alphaPath.Content.ReadAsStringAsync());
        // The trust's own host does not serve it by prefix either.
        using var onTrust = new Browser(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await onTrust.GetAsync("/hosted/")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_school_answers_503_and_comes_back_when_enabled()
    {
        await Factory.CreateSchoolAsync("paused", "Paused Primary", "paused");
        var provisioner = Factory.Services.GetRequiredService<TenantProvisioner>();
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/paused/")).StatusCode);

        await provisioner.SetStateAsync("paused", TenantState.Disabled);
        var disabled = await visitor.GetAsync("/paused/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, disabled.StatusCode);
        Assert.DoesNotContain("Paused Primary", await disabled.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await visitor.GetAsync("/paused/login")).StatusCode);

        await provisioner.SetStateAsync("paused", TenantState.Initializing);
        var initializing = await visitor.GetAsync("/paused/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, initializing.StatusCode);
        Assert.NotNull(initializing.Headers.RetryAfter);

        await provisioner.SetStateAsync("paused", TenantState.Running);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/paused/")).StatusCode);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        using var visitor = new Browser(Factory);
        foreach (var path in new[] { "/", "/alpha/", "/alpha/login", "/nowhere/" })
        {
            var response = await visitor.GetAsync(path);
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        using var visitor = new Browser(Factory);
        var response = await visitor.Http.PostAsync("/alpha/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = TwoSchoolsFixture.AlphaAdmin,
            ["Input.Password"] = TwoSchoolsFixture.AdminPassword,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(visitor.Cookies.GetCookies(new Uri("http://localhost/alpha/")), c => c.Name.StartsWith(".SchoolSite.Auth"));
    }
}
