using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Data;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Tenants;

/// <summary>A trust creates school sites by API and CLI: all or nothing, clear errors, no clashes.</summary>
public abstract class ProvisioningTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    /// <summary>Step 3 names a time zone that does not exist: valid JSON Schema, fails when it runs.</summary>
    private const string FailsAtStepThree = """
    {
      "name": "fails-at-three",
      "steps": [
        { "name": "feature", "enable": ["SchoolSite.Settings"] },
        { "name": "settings", "SiteName": "Fine so far" },
        { "name": "settings", "TimeZone": "Mars/Olympus_Mons" }
      ]
    }
    """;

    /// <summary>Step 3 breaks the step's schema: a colour that is not a colour.</summary>
    private const string InvalidAtStepThree = """
    {
      "name": "invalid-at-three",
      "steps": [
        { "name": "feature", "enable": ["SchoolSite.Settings"] },
        { "name": "settings", "SiteName": "Fine so far" },
        { "name": "settings", "Branding": { "PrimaryColour": "blue" } }
      ]
    }
    """;

    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task Api_creates_a_school_that_answers_at_its_prefix()
    {
        using var trust = await TrustAdminAsync();
        var response = await trust.Http.PostAsJsonAsync("/api/tenants", Request("api-made", "api-made"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("http://localhost/api-made/", response.Headers.Location!.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Running", body.GetProperty("state").GetString());

        using var visitor = new Browser(Factory);
        Assert.Contains("Api Made School", await visitor.GetPageAsync("/api-made/"));
        using var head = new Browser(Factory);
        await head.SignInOrFailAsync("/api-made", "head@api-made.example", "api made password");
    }

    [Fact]
    public async Task Api_recipe_failing_at_step_three_answers_422_and_leaves_no_database()
    {
        Factory.AddRecipe("fails-at-three", FailsAtStepThree);
        using var trust = await TrustAdminAsync();

        var response = await trust.Http.PostAsJsonAsync("/api/tenants", Request("halfmade", "halfmade", recipe: "fails-at-three"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var error = problem.GetProperty("recipeErrors")[0];
        Assert.Equal(3, error.GetProperty("step").GetInt32());
        Assert.Equal("$.steps[2].TimeZone", error.GetProperty("path").GetString());
        Assert.Contains("Mars/Olympus_Mons", error.GetProperty("message").GetString());

        await AssertNoTraceOfAsync("halfmade", trust);

        // The same site from a good recipe works afterwards.
        var again = await trust.Http.PostAsJsonAsync("/api/tenants", Request("halfmade", "halfmade"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task Cli_recipe_invalid_at_step_three_exits_1_naming_the_step_and_path_and_leaves_nothing()
    {
        Factory.AddRecipe("invalid-at-three", InvalidAtStepThree);
        var result = await Cli.RunAsync(Factory, "tenants", "create", "--name", "clibroken", "--display-name", "CLI Broken",
            "--prefix", "clibroken", "--recipe", "invalid-at-three", "--admin-email", "head@clibroken.example");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Step 3 (settings) at $.steps[2].Branding.PrimaryColour", result.Error);

        Factory.AddRecipe("fails-at-three", FailsAtStepThree);
        var runtime = await Cli.RunAsync(Factory, "tenants", "create", "--name", "clibroken", "--display-name", "CLI Broken",
            "--prefix", "clibroken", "--recipe", "fails-at-three", "--admin-email", "head@clibroken.example");
        Assert.Equal(1, runtime.ExitCode);
        Assert.Contains("Step 3 (settings) at $.steps[2].TimeZone", runtime.Error);
        using var trust = await TrustAdminAsync();
        await AssertNoTraceOfAsync("clibroken", trust);

        var good = await Cli.RunAsync(Factory, "tenants", "create", "--name", "clibroken", "--display-name", "CLI Broken",
            "--prefix", "clibroken", "--recipe", "school", "--admin-email", "head@clibroken.example");
        Assert.True(good.ExitCode == 0, good.Error);
        Assert.Contains("Administrator password (shown once): ", good.Output);
    }

    [Fact]
    public async Task Duplicate_name_prefix_or_host_answers_409_naming_the_clash()
    {
        using var trust = await TrustAdminAsync();
        var first = await trust.Http.PostAsJsonAsync("/api/tenants", Request("clash", "clash", hosts: ["clash.example"]));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        await AssertConflictAsync(trust, Request("clash", "other-prefix"), "name", "'clash'");
        await AssertConflictAsync(trust, Request("clash-two", "clash"), "prefix", "'clash'");
        await AssertConflictAsync(trust, Request("clash-three", "clash-three", hosts: ["clash.example"]), "hosts", "'clash.example'");
    }

    [Fact]
    public async Task Cli_duplicate_prefix_exits_1_naming_the_clash()
    {
        var result = await Cli.RunAsync(Factory, "tenants", "create", "--name", "gamma", "--display-name", "Gamma",
            "--prefix", "alpha", "--recipe", "school", "--admin-email", "head@gamma.example");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("prefix: The prefix 'alpha' is already used by another site.", result.Error);
    }

    [Fact]
    public async Task Api_invalid_fields_answer_400_listing_each_field()
    {
        using var trust = await TrustAdminAsync();
        var response = await trust.Http.PostAsJsonAsync("/api/tenants", new
        {
            name = "Not A Slug", displayName = "", prefix = "", recipe = "school", adminEmail = "not-an-email", adminPassword = "short",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "name", "displayName", "prefix", "adminEmail", "adminPassword" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"No error for {field}: {errors}");
        }
    }

    [Fact]
    public async Task Api_accepts_a_trust_api_key_and_refuses_anonymous_callers()
    {
        using var anonymous = new Browser(Factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/tenants")).StatusCode);

        var created = await Cli.RunAsync(Factory, "apikeys", "create", "--name", "MIS integration");
        Assert.Equal(0, created.ExitCode);
        var key = created.Output.Trim().Split('\n').Last().Trim();
        Assert.StartsWith("ssk_", key);

        using var program = new Browser(Factory);
        program.Http.DefaultRequestHeaders.Authorization = new("Bearer", key);
        var list = await program.GetAsync("/api/tenants");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var names = (await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("alpha", names);

        program.Http.DefaultRequestHeaders.Authorization = new("Bearer", key + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await program.GetAsync("/api/tenants")).StatusCode);
    }

    [Fact]
    public async Task Api_disables_and_enables_a_school()
    {
        using var trust = await TrustAdminAsync();
        var created = await trust.Http.PostAsJsonAsync("/api/tenants", Request("switch", "switch"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var visitor = new Browser(Factory);

        var disabled = await trust.Http.PostAsync("/api/tenants/switch/disable", null);
        Assert.Equal("Disabled", (await disabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await visitor.GetAsync("/switch/")).StatusCode);

        var enabled = await trust.Http.PostAsync("/api/tenants/switch/enable", null);
        Assert.Equal("Running", (await enabled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/switch/")).StatusCode);

        var missing = await trust.Http.PostAsync("/api/tenants/nobody/disable", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_dashboard_form_keeps_what_was_typed_when_a_field_is_wrong_and_creates_the_site_when_right()
    {
        using var trust = await TrustAdminAsync();
        (string, string)[] fields =
        [
            ("Input.DisplayName", "Willow Primary"), ("Input.Name", "Willow!"), ("Input.Prefix", "willow"),
            ("Input.Hosts", ""), ("Input.Recipe", "school"), ("Input.AdminEmail", "head@willow.example"), ("Input.AdminPassword", ""),
        ];
        var wrong = await trust.SubmitAsync("/admin/tenants", fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), "/admin/tenants?handler=Create");
        var page = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());
        Assert.Contains("'Willow!' is not a valid name", page);
        Assert.Contains("value=\"Willow Primary\"", page);
        Assert.Contains("value=\"head@willow.example\"", page);
        using (var early = new Browser(Factory))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await early.GetAsync("/willow/")).StatusCode);
        }

        fields[1] = ("Input.Name", "willow");
        var right = await trust.SubmitAsync("/admin/tenants", fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), "/admin/tenants?handler=Create");
        var done = await right.Content.ReadAsStringAsync();
        Assert.Contains("Willow Primary is ready.", done);
        Assert.Contains("Administrator password, shown once", done);
        Assert.Contains("href=\"http://localhost/willow/\"", done);
        using var visitor = new Browser(Factory);
        Assert.Contains("Willow Primary", await visitor.GetPageAsync("/willow/"));
    }

    [Fact]
    public async Task A_school_administrator_cannot_use_the_trust_api_or_dashboard()
    {
        using var head = new Browser(Factory);
        await head.SignInOrFailAsync("/alpha", TwoSchoolsFixture.AlphaAdmin, TwoSchoolsFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync("/alpha/api/tenants")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync("/alpha/admin/tenants")).StatusCode);
        // Signed in at alpha only: on the trust's host the session does not exist.
        Assert.Equal(HttpStatusCode.Unauthorized, (await head.GetAsync("/api/tenants")).StatusCode);
    }

    private async Task AssertConflictAsync(Browser trust, object request, string field, string named)
    {
        var response = await trust.Http.PostAsJsonAsync("/api/tenants", request);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var messages = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()).ToList();
        Assert.Contains(messages, m => m!.Contains(named));
    }

    private async Task AssertNoTraceOfAsync(string name, Browser trust)
    {
        // The CLI works like another process: let the host read the registry now rather than at its next tick.
        await Factory.Services.GetRequiredService<SchoolSite.Core.Tenancy.TenantRegistry>().RefreshIfChangedAsync();
        var databases = Factory.Services.GetRequiredService<TenantDatabases>();
        Assert.False(await databases.ExistsAsync(name), $"The database of '{name}' should have been removed.");
        Assert.False(Directory.Exists(Path.Combine(Factory.AppData, "Sites", name)));
        var list = await trust.Http.GetFromJsonAsync<JsonElement>("/api/tenants");
        Assert.DoesNotContain(list.EnumerateArray(), t => t.GetProperty("name").GetString() == name);
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/{name}/")).StatusCode);
    }

    private async Task<Browser> TrustAdminAsync()
    {
        var browser = new Browser(Factory);
        await browser.SignInOrFailAsync(string.Empty, SchoolSiteFactory.TrustAdminEmail, SchoolSiteFactory.TrustAdminPassword);
        return browser;
    }

    private static object Request(string name, string prefix, string recipe = "school", string[]? hosts = null) => new
    {
        name,
        displayName = string.Join(' ', name.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + " School",
        prefix,
        hosts = hosts ?? [],
        recipe,
        adminEmail = $"head@{name}.example",
        adminPassword = name.Replace('-', ' ') + " password",
    };
}

public sealed class ProvisioningOnSqlite(SqliteSchools fixture) : ProvisioningTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class ProvisioningOnPostgreSql(PostgreSqlSchools fixture) : ProvisioningTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
