using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Provisioning;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Consent;

/// <summary>Nothing published may help a stranger identify a child: full names, ages and "Tom W. in 4B" are caught.</summary>
public abstract class PrivacyCheckTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private SchoolSiteFactory Factory => fixture.Factory;

    private const string Story = "<p>Amelia Watson, aged 9, won the science prize. Well done to Tom W. in 4B, " +
        "and to all of Year 4. Thanks to Mrs Sarah Jones for running the fair. AMELIA WATSON'S poster is on the wall.</p>";

    [Fact]
    public async Task Full_names_ages_and_a_first_name_with_initial_and_class_are_flagged_but_year_groups_and_staff_are_not()
    {
        using var head = await Factory.AlphaHeadAsync();
        await Register.PupilAsync(head, "/alpha", "Amelia", "Watson");
        await Register.PupilAsync(head, "/alpha", "Tom", "Wright");
        await StaffAsync(head, "/alpha", "Sarah", "Jones");
        var api = new ContentApiClient(head, "/alpha");
        var item = await api.CreateOrFailAsync(ContentApiClient.Page("Science fair", Story));
        var id = item["ContentItemId"]!.GetValue<string>();

        var checks = await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/content/{id}/checks");
        var matches = checks.EnumerateArray().Select(c => c.GetProperty("match").GetString()).ToList();
        Assert.Contains("Amelia Watson", matches);
        Assert.Contains("AMELIA WATSON'S", matches);
        Assert.Contains("aged 9", matches);
        Assert.Contains("Tom W in 4B", matches);
        Assert.DoesNotContain(matches, m => m!.Contains("Year 4", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(matches, m => m!.Contains("Jones", StringComparison.OrdinalIgnoreCase));
        Assert.All(checks.EnumerateArray(), c => Assert.Equal("Warning", c.GetProperty("severity").GetString()));

        // Warnings only, unless the school says otherwise.
        await api.PublishOrFailAsync(id);
    }

    [Fact]
    public async Task Ages_and_dates_of_birth_are_flagged_in_every_common_form()
    {
        using var head = await Factory.AlphaHeadAsync();
        var api = new ContentApiClient(head, "/alpha");
        var item = await api.CreateOrFailAsync(ContentApiClient.Page("Birthdays",
            "<p>Our 9-year-old reader. A pupil who is nine years old. Born on 3 May 2017. Clubs for Years 3 and 4.</p>"));
        var checks = await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/content/{item["ContentItemId"]!.GetValue<string>()}/checks");
        var matches = checks.EnumerateArray().Select(c => c.GetProperty("match").GetString()).ToList();
        Assert.Contains("9-year-old", matches);
        Assert.Contains("nine years old", matches);
        Assert.Contains(matches, m => m!.StartsWith("Born on 3 May 2017", StringComparison.Ordinal));
        Assert.Equal(3, matches.Count);
    }

    [Fact]
    public async Task Where_the_school_says_so_findings_stop_publishing_with_the_matched_text()
    {
        Factory.AddRecipe("strict-privacy", """
        { "name": "strict-privacy", "steps": [ { "name": "recipes", "Values": [ { "name": "school-site" } ] },
          { "name": "settings", "PrivacyCheckBlocksPublishing": true } ] }
        """);
        var result = await Factory.Services.GetRequiredService<TenantProvisioner>().ProvisionAsync(new TenantRequest
        {
            Name = "careful", DisplayName = "Careful Primary", Prefix = "careful", Recipe = "strict-privacy",
            AdminEmail = "head@careful.example", AdminPassword = TwoSchoolsFixture.AdminPassword,
        });
        Assert.True(result.Succeeded, result.Describe());
        using var head = await Factory.SignedInAsync("/careful", "head@careful.example", TwoSchoolsFixture.AdminPassword);
        await Register.PupilAsync(head, "/careful", "Amelia", "Watson");
        var api = new ContentApiClient(head, "/careful");
        var item = await api.CreateOrFailAsync(ContentApiClient.Page("Science fair", Story));

        var vetoed = await api.PublishAsync(item["ContentItemId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, vetoed.StatusCode);
        var body = await vetoed.Content.ReadAsStringAsync();
        Assert.Contains("'Amelia Watson' is a pupil's full name", body);
        Assert.Contains("'aged 9'", body);
        using var visitor = new Browser(Factory);
        Assert.DoesNotContain("science prize", await (await visitor.GetAsync("/careful/")).Content.ReadAsStringAsync());
    }

    private static async Task StaffAsync(Browser head, string pathBase, string first, string last)
    {
        var response = await head.Http.PostAsJsonAsync($"{pathBase}/api/people", new
        {
            externalId = "staff-" + Guid.NewGuid().ToString("N")[..8], kind = "Staff", legalFirstName = first, legalLastName = last,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

public sealed class PrivacyCheckOnSqlite(SqliteSchools fixture) : PrivacyCheckTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class PrivacyCheckOnPostgreSql(PostgreSqlSchools fixture) : PrivacyCheckTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
