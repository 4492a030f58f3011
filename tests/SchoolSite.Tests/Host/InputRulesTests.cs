using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Host;

/// <summary>
/// The one set of input rules, as a school office meets them, the same on SQLite and PostgreSQL: text that cannot be stored
/// or shown safely is refused naming the field, a value of the wrong type says what it should be, a broken upload says what
/// is wrong with it, and what one database accepts the other does too.
/// </summary>
public abstract class InputRulesTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Theory]
    [InlineData("Ada\\u0000", "invisible control character (U+0000)")]
    [InlineData("Ada\\u001b[2J", "invisible control character (U+001B)")]
    [InlineData("\\u202Eada", "changes the direction of text (U+202E)")]
    [InlineData("Ada\\u2066", "changes the direction of text (U+2066)")]
    [InlineData("Ada\\ud800", "broken character")]
    public async Task Text_that_cannot_be_stored_or_shown_is_refused_naming_the_field(string name, string said)
    {
        using var head = await Factory.AlphaHeadAsync();
        var externalId = "mis-" + Guid.NewGuid().ToString("N")[..8];
        var response = await head.Http.PostAsync("/alpha/api/people", Json($$"""
            {"externalId":"{{externalId}}","kind":"Pupil","legalFirstName":"{{name}}","legalLastName":"North","yearGroup":"Year 4","className":"4B"}
            """));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(said, (await ContentApiClient.ProblemAsync(response)).GetProperty("errors").GetProperty("legalFirstName")[0].GetString());
        Assert.DoesNotContain($"<td>{externalId}</td>", await head.GetPageAsync($"/alpha/admin/people?q={externalId}"));

        var title = await head.Http.PostAsync("/alpha/api/content", Json($$$"""{"ContentType":"Page","TitlePart":{"Title":"{{{name}}}"}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, title.StatusCode);
        Assert.Contains(said, (await ContentApiClient.ProblemAsync(title)).GetProperty("errors").GetProperty("TitlePart.Title")[0].GetString());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_refused_saying_what_the_field_should_be()
    {
        using var head = await Factory.AlphaHeadAsync();
        var id = (await MediaUploads.UploadAsync(head, "/alpha", Media.TestImages.Jpeg(32, 24), "Pond dipping")).GetProperty("id").GetString()!;
        var flag = await head.Http.PutAsync($"/alpha/api/media/{id}", Json("""{"noIdentifiablePeople":"yes"}"""));
        Assert.Equal("noIdentifiablePeople should be true or false.",
            (await ContentApiClient.ProblemAsync(flag)).GetProperty("errors").GetProperty("noIdentifiablePeople")[0].GetString());
        var people = await head.Http.PutAsync($"/alpha/api/media/{id}", Json("""{"people":[1,2]}"""));
        Assert.Contains("should be text", (await ContentApiClient.ProblemAsync(people)).GetProperty("errors").GetProperty("people[0]")[0].GetString());
        var kind = await head.Http.PostAsync("/alpha/api/people", Json("""{"externalId":"mis-kind","kind":1,"legalFirstName":"A","legalLastName":"B"}"""));
        Assert.Equal("kind should be text, in double quotes.", (await ContentApiClient.ProblemAsync(kind)).GetProperty("errors").GetProperty("kind")[0].GetString());

        foreach (var type in new[] { "5", "[\"Page\"]", "{\"Name\":\"Page\"}" })
        {
            var content = await head.Http.PostAsync("/alpha/api/content", Json($$$"""{"ContentType":{{{type}}},"TitlePart":{"Title":"Typed"}}"""));
            Assert.Equal(HttpStatusCode.BadRequest, content.StatusCode);
            Assert.True((await ContentApiClient.ProblemAsync(content)).GetProperty("errors").TryGetProperty("ContentType", out _));
        }
        var html = await head.Http.PostAsync("/alpha/api/content", Json("""{"ContentType":"Page","TitlePart":{"Title":"Typed"},"HtmlBodyPart":{"Html":5}}"""));
        Assert.Contains("should be text", (await ContentApiClient.ProblemAsync(html)).GetProperty("errors").GetProperty("HtmlBodyPart.Html")[0].GetString());
        var part = await head.Http.PostAsync("/alpha/api/content", Json("""{"ContentType":"Page","TitlePart":"Typed"}"""));
        Assert.Contains("should be a part", (await ContentApiClient.ProblemAsync(part)).GetProperty("errors").GetProperty("TitlePart")[0].GetString());
    }

    [Theory]
    [InlineData("multipart/form-data", "names no boundary")]
    [InlineData("multipart/form-data; boundary=not-the-one-used", "not a complete multipart/form-data body")]
    [InlineData("multipart/form-data; boundary=cut-short", "not a complete multipart/form-data body")]
    public async Task A_broken_upload_is_refused_saying_what_is_wrong(string contentType, string said)
    {
        using var head = await Factory.AlphaHeadAsync();
        var whole = MalformedUploads.MultipartBody([("altText", "Sports day")], "file", Media.TestImages.Jpeg(32, 24), "cut-short");
        var response = await head.Http.PostAsync("/alpha/api/media", MalformedUploads.Content(whole[..(whole.Length - 30)], contentType));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(said, (await ContentApiClient.ProblemAsync(response)).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/alpha/admin/media", "Upload")]
    [InlineData("/alpha/admin/people/import", "Upload")]
    public async Task A_broken_upload_to_an_admin_page_is_refused_not_a_server_error(string page, string field)
    {
        using var head = await Factory.AlphaHeadAsync();
        var token = System.Text.RegularExpressions.Regex.Match(await head.GetPageAsync(page), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        var whole = MalformedUploads.MultipartBody([("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))], field, Media.TestImages.Jpeg(32, 24));
        var response = await head.Http.PostAsync(page, MalformedUploads.Content(whole[..(whole.Length / 2)]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_broken_upload_without_the_antiforgery_header_is_refused_not_a_server_error()
    {
        using var head = await Factory.AlphaHeadAsync();
        head.SendsApiToken = false;
        var whole = MalformedUploads.MultipartBody([("altText", "Sports day")], "file", Media.TestImages.Jpeg(32, 24));
        foreach (var body in new[] { MalformedUploads.Content(whole[..(whole.Length / 2)]), MalformedUploads.Content(whole, "multipart/form-data") })
        {
            var response = await head.Http.PostAsync("/alpha/api/media", body);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_consent_method_longer_than_the_register_keeps_is_refused_not_cut()
    {
        using var head = await Factory.AlphaHeadAsync();
        var pupil = await Register.PupilAsync(head, "/alpha", "Method", "Long");
        var method = "a form handed in at the office on the first day of term";
        var response = await head.Http.PostAsJsonAsync($"/alpha/api/people/{pupil}/consents", new { purpose = "website", status = "Granted", method });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 40 characters", (await ContentApiClient.ProblemAsync(response)).GetProperty("errors").GetProperty("method")[0].GetString());
        var person = await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/people/{pupil}");
        Assert.False(person.GetProperty("consents").GetProperty("website").GetProperty("cleared").GetBoolean());
    }

    [Fact]
    public async Task A_policy_version_label_as_long_as_its_field_allows_publishes_on_every_database()
    {
        using var head = await Factory.AlphaHeadAsync();
        var api = new ContentApiClient(head, "/alpha");
        var label = "Version 3, agreed by the governing body's resources committee at its summer term meeting, replacing version 2 of last year";
        var policy = await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "PolicyPage",
            ["TitlePart"] = new { Title = "Lettings policy " + Guid.NewGuid().ToString("N")[..6] },
            ["PolicyPage"] = new Dictionary<string, object> { ["Audience"] = new { Text = "Staff" }, ["VersionLabel"] = new { Text = label } },
        });
        Assert.True(label.Length > 100);
        await api.PublishOrFailAsync(policy["ContentItemId"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_admin_form_and_an_import_refuse_the_same_characters_as_the_api()
    {
        using var head = await Factory.AlphaHeadAsync();
        var pupil = await Register.PupilAsync(head, "/alpha", "Form", "Field");
        var page = $"/alpha/admin/people/{pupil}";
        var response = await head.SubmitAsync(page, [new("Consent.Purpose", "website"), new("Consent.Status", "Granted"),
            new("Consent.GivenBy", "Mrs \u202EhtroN"), new("Consent.Method", "paper form")], $"{page}?handler=Consent");
        Assert.Contains("Given by has an invisible character that changes the direction of text", Browser.ErrorText(WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync())));

        var csv = new StringContent("External Id,Legal Forename,Legal Surname\r\nmis-ctl-1,Ada\u0007,North\r\n", Encoding.UTF8, "text/csv");
        var import = await head.Http.PostAsync("/alpha/api/people/import", csv);
        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode);
        var error = (await ContentApiClient.ProblemAsync(import)).GetProperty("errors")[0];
        Assert.Equal("Legal Forename", error.GetProperty("column").GetString());
        Assert.Contains("invisible control character (U+0007)", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("/alpha/admin/people?q=a%00b")]
    [InlineData("/alpha/admin/content?q=%00")]
    [InlineData("/alpha/admin/audit?subject=%00")]
    [InlineData("/alpha/admin/content/a%01b")]
    public async Task A_control_character_in_an_admin_address_is_refused_before_it_reaches_a_query(string url)
    {
        using var head = await Factory.AlphaHeadAsync();
        var response = await head.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invisible control character", (await ContentApiClient.ProblemAsync(response)).GetProperty("errors").EnumerateObject().Single().Value[0].GetString());
    }

    [Fact]
    public async Task An_api_address_that_leads_nowhere_answers_with_a_problem()
    {
        using var head = await Factory.AlphaHeadAsync();
        var response = await head.Http.PostAsync("/alpha/api/no-such-thing", Json("{}"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/html", (await head.Http.GetAsync("/alpha/no-such-page/at-all")).Content.Headers.ContentType?.MediaType);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

public sealed class InputRulesOnSqlite(SqliteSchools fixture) : InputRulesTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class InputRulesOnPostgreSql(PostgreSqlSchools fixture) : InputRulesTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
