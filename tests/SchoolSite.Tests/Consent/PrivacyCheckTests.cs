using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Provisioning;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Media;

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

    // Issue 11, item 6: the check reads text as a reader sees it, whichever field it comes from.

    [Fact]
    public async Task A_name_split_by_markup_in_a_caption_is_flagged()
    {
        using var head = await Factory.AlphaHeadAsync();
        await Register.PupilAsync(head, "/alpha", "Ava", "Nowak");
        var matches = await MatchesAsync(head, "Prize giving", "<p>Well done to everyone.</p>",
            caption: "<strong>Ava</strong> Nowak with the reading cup");
        Assert.Contains("Ava Nowak", matches);
    }

    [Fact]
    public async Task A_non_breaking_space_inside_a_name_in_alt_text_does_not_hide_it()
    {
        using var head = await Factory.AlphaHeadAsync();
        await Register.PupilAsync(head, "/alpha", "Ruby", "Green");
        var matches = await MatchesAsync(head, "Library", "<p>Our new library is open.</p>", altText: "Ruby&nbsp;Green reading in the library");
        Assert.Contains("Ruby Green", matches);
    }

    [Fact]
    public async Task A_name_written_surname_first_is_flagged()
    {
        using var head = await Factory.AlphaHeadAsync();
        await Register.PupilAsync(head, "/alpha", "Amelia", "Khan");
        var matches = await MatchesAsync(head, "Reading champions", "<p>This term's reading champions: Khan, Amelia and the whole of 4B.</p>");
        Assert.Contains("Khan, Amelia", matches);
    }

    [Fact]
    public async Task A_first_name_followed_by_an_age_is_flagged()
    {
        using var head = await Factory.AlphaHeadAsync();
        var matches = await MatchesAsync(head, "Poetry prize", "<p>Oliver, 10, won the county poetry prize with a poem about the sea.</p>");
        Assert.Contains("Oliver, 10", matches);
    }

    [Fact]
    public async Task A_month_and_year_of_birth_is_flagged()
    {
        using var head = await Factory.AlphaHeadAsync();
        var matches = await MatchesAsync(head, "New arrivals", "<p>Our youngest reading buddy was born in March 2016.</p>");
        Assert.Contains("born in March 2016", matches);
    }

    [Fact]
    public async Task A_birthday_with_its_date_is_flagged()
    {
        using var head = await Factory.AlphaHeadAsync();
        await Register.PupilAsync(head, "/alpha", "Ava", "Nowak");
        var matches = await MatchesAsync(head, "Class news", "<p>Ava's birthday is 5 May 2015, so 4B sang to her at lunch.</p>");
        Assert.Contains(matches, m => m.Contains("birthday is 5 May 2015", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_age_of_a_building_is_not_flagged()
    {
        using var head = await Factory.AlphaHeadAsync();
        var matches = await MatchesAsync(head, "Summer concert", "<p>The summer concert is in our 60-year-old school hall.</p>");
        Assert.Empty(matches);
    }

    /// <summary>The privacy findings for a page with this body, showing one picture with this caption and alt text.</summary>
    private static async Task<List<string>> MatchesAsync(Browser head, string title, string html, string caption = "Prize giving", string altText = "The prize table")
    {
        var upload = await MediaUploads.PostAsync(head, "/alpha", TestImages.Jpeg(120, 80), "prize.jpg", ("caption", caption), ("altText", altText));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var url = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString();
        var api = new ContentApiClient(head, "/alpha");
        var item = await api.CreateOrFailAsync(ContentApiClient.Page(title, $"{html}<figure><img src=\"{url}\" alt=\"\"></figure>"));
        var checks = await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/content/{item["ContentItemId"]!.GetValue<string>()}/checks");
        return checks.EnumerateArray().Where(c => c.TryGetProperty("match", out var m) && m.ValueKind == JsonValueKind.String && c.GetProperty("mediaId").ValueKind != JsonValueKind.String)
            .Select(c => c.GetProperty("match").GetString()!).ToList();
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
