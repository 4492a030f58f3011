using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Contents;

/// <summary>Personal API tokens and field checks through the API; settings changes reach cached pages.</summary>
public sealed partial class ContentApiTokenTests(SqliteSchools fixture) : IClassFixture<SqliteSchools>
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_personal_token_acts_as_its_user_until_revoked()
    {
        using var admin = new Browser(Factory);
        await admin.SignInOrFailAsync("/alpha", TwoSchoolsFixture.AlphaAdmin, TwoSchoolsFixture.AdminPassword);
        var created = await admin.SubmitAsync("/alpha/account/tokens", [new("Name", "Newsletter script")], "/alpha/account/tokens?handler=Create");
        var page = await created.Content.ReadAsStringAsync();
        var token = TokenText().Match(page).Groups[1].Value;
        Assert.StartsWith("sst_", token);

        using var program = new Browser(Factory);
        program.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await program.Http.PostAsJsonAsync("/alpha/api/content", new Dictionary<string, object>
        {
            ["ContentType"] = "Page", ["TitlePart"] = new Dictionary<string, string> { ["Title"] = "Made by a script" },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var item = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("School administrator", item.GetProperty("Author").GetString());
        var id = item.GetProperty("ContentItemId").GetString();
        Assert.Equal(HttpStatusCode.OK, (await program.GetAsync($"/alpha/api/content/{id}?version=latest")).StatusCode);

        // The token means nothing at another school.
        Assert.Equal(HttpStatusCode.Unauthorized, (await program.Http.PostAsJsonAsync("/beta/api/content", new { ContentType = "Page" })).StatusCode);

        var tokens = await admin.GetPageAsync("/alpha/account/tokens");
        var tokenId = Regex.Match(tokens, "name=\"id\" value=\"(\\d+)\"").Groups[1].Value;
        await admin.SubmitAsync("/alpha/account/tokens", [new("id", tokenId)], "/alpha/account/tokens?handler=Revoke");
        Assert.Equal(HttpStatusCode.Unauthorized, (await program.GetAsync($"/alpha/api/content/{id}?version=latest")).StatusCode);
    }

    [Fact]
    public async Task Each_kind_of_field_refuses_a_wrong_value_naming_the_field()
    {
        Factory.AddRecipe("all-fields", """
        {
          "name": "all-fields",
          "steps": [
            { "name": "recipes", "Values": [ { "name": "school-site" } ] },
            { "name": "ContentDefinition",
              "ContentTypes": [ { "Name": "Club", "DisplayName": "Club", "ContentTypePartDefinitionRecords": [
                { "PartName": "TitlePart", "Name": "TitlePart" }, { "PartName": "Club", "Name": "Club" } ] } ],
              "ContentParts": [ { "Name": "Club", "ContentPartFieldDefinitionRecords": [
                { "FieldName": "BooleanField", "Name": "Open", "Settings": { "ContentPartFieldSettings": { "DisplayName": "Open to all" } } },
                { "FieldName": "DateField", "Name": "Starts", "Settings": { "ContentPartFieldSettings": { "DisplayName": "Starts" } } },
                { "FieldName": "DateTimeField", "Name": "Meets", "Settings": { "ContentPartFieldSettings": { "DisplayName": "Meets" } } },
                { "FieldName": "NumericField", "Name": "Places", "Settings": { "ContentPartFieldSettings": { "DisplayName": "Places" } } },
                { "FieldName": "LinkField", "Name": "Website", "Settings": { "ContentPartFieldSettings": { "DisplayName": "Website" } } },
                { "FieldName": "ContentPickerField", "Name": "Related", "Settings": { "ContentPartFieldSettings": { "DisplayName": "Related" } } },
                { "FieldName": "HtmlField", "Name": "Notes", "Settings": { "ContentPartFieldSettings": { "DisplayName": "Notes" } } },
                { "FieldName": "TextField", "Name": "Leader", "Settings": { "ContentPartFieldSettings": { "DisplayName": "Leader", "Required": true } } } ] } ] }
          ]
        }
        """);
        var result = await Factory.Services.GetRequiredService<SchoolSite.Core.Provisioning.TenantProvisioner>().ProvisionAsync(new()
        {
            Name = "fields", DisplayName = "Fields School", Prefix = "fields", Recipe = "all-fields",
            AdminEmail = "head@fields.example", AdminPassword = TwoSchoolsFixture.AdminPassword,
        });
        Assert.True(result.Succeeded, result.Describe());
        using var admin = new Browser(Factory);
        await admin.SignInOrFailAsync("/fields", "head@fields.example", TwoSchoolsFixture.AdminPassword);
        var api = new ContentApiClient(admin, "/fields");

        var wrong = await api.CreateAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "Club",
            ["TitlePart"] = new { Title = "Chess club" },
            ["Club"] = new Dictionary<string, object>
            {
                ["Open"] = new { Value = "yes" },
                ["Starts"] = new { Value = "31/09/2027" },
                ["Meets"] = new { Value = "Tuesdays" },
                ["Places"] = new { Value = "twelve" },
                ["Website"] = new { Url = "javascript:alert(1)", Text = "Site" },
                ["Related"] = new { ContentItemIds = new[] { "nosuchitem" } },
            },
        });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var errors = (await ContentApiClient.ProblemAsync(wrong)).GetProperty("errors");
        foreach (var field in new[] { "Club.Open", "Club.Starts", "Club.Meets", "Club.Places", "Club.Website", "Club.Related", "Club.Leader" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"No error for {field}: {errors}");
        }

        var right = await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "Club",
            ["TitlePart"] = new { Title = "Chess club" },
            ["Club"] = new Dictionary<string, object>
            {
                ["Open"] = new { Value = true },
                ["Starts"] = new { Value = "2027-09-06" },
                ["Meets"] = new { Value = "2027-09-07T15:30:00+01:00" },
                ["Places"] = new { Value = "12" },
                ["Website"] = new { Url = "https://chess.example/", Text = "Site" },
                ["Notes"] = new { Html = "<p onclick=\"x()\">Bring a board</p>" },
                ["Leader"] = new { Text = "Mr Patel" },
            },
        });
        Assert.Equal("2027-09-07T14:30:00Z", right["Club"]!["Meets"]!["Value"]!.GetValue<string>());
        Assert.Equal(12, right["Club"]!["Places"]!["Value"]!.GetValue<decimal>());
        Assert.Equal("<p>Bring a board</p>", right["Club"]!["Notes"]!["Html"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changing_the_settings_reaches_every_cached_page()
    {
        using var visitor = new Browser(Factory);
        Assert.Contains("Beta Academy", await visitor.GetPageAsync("/beta/"));
        using var head = new Browser(Factory);
        await head.SignInOrFailAsync("/beta", TwoSchoolsFixture.BetaAdmin, TwoSchoolsFixture.AdminPassword);
        var settings = await head.GetPageAsync("/beta/admin/settings");
        var fields = Regex.Matches(settings, "<input[^>]*? name=\"(Input\\.[^\"]+)\"[^>]*? value=\"([^\"]*)\"")
            .Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Where(f => f.Key != "Input.SiteName" && f.Key != "Input.RequireTwoFactorForStaff")
            .Append(new("Input.SiteName", "Beta Academy Trust School"));
        var saved = await head.SubmitAsync("/beta/admin/settings", fields);
        Assert.Contains("Settings saved", await saved.Content.ReadAsStringAsync());
        Assert.Contains("Beta Academy Trust School", await visitor.GetPageAsync("/beta/"));
    }

    [GeneratedRegex("<p><code>(sst_[A-Za-z0-9_-]+)</code></p>")]
    private static partial Regex TokenText();
}
