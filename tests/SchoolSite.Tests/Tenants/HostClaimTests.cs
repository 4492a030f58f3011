using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Tenants;

/// <summary>
/// A trust answering on trust.example (SchoolSite:Hosts) and www.trust.example (SchoolSite:PublicOrigin), with a
/// prefix school alpha and a school served at schools.example/hosted/.
/// </summary>
public sealed class TrustHostsFixture : IAsyncLifetime
{
    public const string TrustHost = "trust.example";

    public SchoolSiteFactory Factory { get; } = new(TestDatabase.Sqlite);

    public async Task InitializeAsync()
    {
        Factory.Extra["SchoolSite:Hosts:0"] = TrustHost;
        Factory.Extra["SchoolSite:PublicOrigin"] = "http://www.trust.example";
        _ = Factory.Server;
        await Factory.CreateSchoolAsync("alpha", "Alpha Primary", "alpha");
        await Factory.CreateSchoolAsync("hosted", "Hosted Academy", "hosted", hosts: ["schools.example"]);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// A school cannot claim a host the trust answers on, nor one another school has: otherwise it takes over the
/// dashboard and every prefix school there, and disabling it leaves them all unavailable. Same rule by API, CLI and form.
/// </summary>
public sealed class HostClaimTests(TrustHostsFixture fixture) : IClassFixture<TrustHostsFixture>
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Theory]
    [InlineData("trust.example", "the trust dashboard's own address")]
    [InlineData("TRUST.example:8443", "the trust dashboard's own address")]
    [InlineData("www.trust.example", "the trust dashboard's own address")]
    [InlineData("schools.example:8080", "already used by Hosted Academy")]
    public async Task Api_refuses_a_host_the_trust_or_another_school_answers_on_naming_the_hosts_field(string host, string reason)
    {
        using var trust = await TrustAdminAsync();
        var name = "grab" + Math.Abs(host.GetHashCode(StringComparison.Ordinal) % 10000);
        var response = await trust.Http.PostAsJsonAsync("/api/tenants", new
        {
            name, displayName = "Grabbing School", prefix = (string?)null, hosts = new[] { host }, recipe = "school",
            adminEmail = $"head@{name}.example", adminPassword = "grabbing school password",
        });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var hosts = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("hosts");
        var message = hosts[0].GetString()!;
        Assert.Contains(reason, message);
        Assert.Contains("Give the school a host name", message);

        // Nothing changed: the dashboard and the prefix school still answer on the trust's host.
        Assert.DoesNotContain((await trust.Http.GetFromJsonAsync<JsonElement>("/api/tenants")).EnumerateArray(), t => t.GetProperty("name").GetString() == name);
        using var visitor = new Browser(Factory, TrustHostsFixture.TrustHost);
        Assert.Contains("Alpha Primary", await visitor.GetPageAsync("/alpha/"));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/login")).StatusCode);
    }

    [Fact]
    public async Task Api_still_gives_a_school_a_host_of_its_own()
    {
        using var trust = await TrustAdminAsync();
        var response = await trust.Http.PostAsJsonAsync("/api/tenants", new
        {
            name = "oakwood", displayName = "Oakwood Primary", prefix = (string?)null, hosts = new[] { "oakwood.example" }, recipe = "school",
            adminEmail = "head@oakwood.example", adminPassword = "oakwood school password",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var visitor = new Browser(Factory, "oakwood.example");
        Assert.Contains("Oakwood Primary", await visitor.GetPageAsync("/"));
    }

    [Fact]
    public async Task Cli_refuses_the_trusts_host_with_exit_1_naming_the_hosts_field()
    {
        var result = await Cli.RunAsync(Factory, "tenants", "create", "--name", "grabber", "--display-name", "Grabber",
            "--host", "trust.example", "--recipe", "school", "--admin-email", "head@grabber.example");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("hosts: 'trust.example' is the trust dashboard's own address", result.Error);
        Assert.Contains("leave hosts empty and give it a URL prefix", result.Error);
        Assert.DoesNotContain("grabber", (await Cli.RunAsync(Factory, "tenants", "list")).Output);
    }

    [Fact]
    public async Task The_dashboard_form_refuses_the_trusts_host_next_to_the_host_names_field()
    {
        using var trust = await TrustAdminAsync();
        (string, string)[] fields =
        [
            ("Input.DisplayName", "Grabbing Primary"), ("Input.Name", "grabbing"), ("Input.Prefix", ""),
            ("Input.Hosts", "schools.example, trust.example"), ("Input.Recipe", "school"), ("Input.AdminEmail", "head@grabbing.example"),
            ("Input.AdminPassword", ""),
        ];
        var response = await trust.SubmitAsync("/admin/tenants", fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), "/admin/tenants?handler=Create");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Contains("'trust.example' is the trust dashboard's own address", page);
        Assert.Contains("'schools.example' is already used by Hosted Academy", page);
        Assert.Matches("<input [^>]*class=\"input-validation-error\"[^>]*name=\"Input.Hosts\"", page);
        Assert.DoesNotContain("Grabbing Primary is ready", page);
        Assert.DoesNotContain("grabbing", (await Cli.RunAsync(Factory, "tenants", "list")).Output);
    }

    private async Task<Browser> TrustAdminAsync()
    {
        var browser = new Browser(Factory, TrustHostsFixture.TrustHost);
        await browser.SignInOrFailAsync(string.Empty, SchoolSiteFactory.TrustAdminEmail, SchoolSiteFactory.TrustAdminPassword);
        return browser;
    }
}
