using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Host;

/// <summary>
/// Every text input has a length limit: a megabyte "name" is refused with a problem naming the field, the
/// rest of the input is kept on the page, and nothing is stored. A choice is read only from its name.
/// </summary>
public sealed class InputTests(SqliteSchools fixture) : IClassFixture<SqliteSchools>
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_megabyte_name_is_refused_naming_the_field_and_nobody_is_added()
    {
        using var head = await Factory.AlphaHeadAsync();
        var externalId = "mis-" + Guid.NewGuid().ToString("N")[..8];
        var response = await head.Http.PostAsJsonAsync("/alpha/api/people", new
        {
            externalId, kind = "Pupil", legalFirstName = new string('A', 1024 * 1024), legalLastName = "Long", yearGroup = "Year 3", className = "3C",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ContentApiClient.ProblemAsync(response)).GetProperty("errors");
        Assert.Contains("at most 100 characters", errors.GetProperty("legalFirstName")[0].GetString());
        Assert.False(errors.TryGetProperty("legalLastName", out _));

        Assert.DoesNotContain($"<td>{externalId}</td>", await head.GetPageAsync($"/alpha/admin/people?q={externalId}"));
    }

    [Fact]
    public async Task A_body_larger_than_the_api_reads_is_refused_as_a_problem()
    {
        using var head = await Factory.AlphaHeadAsync();
        var caption = new string('x', 5 * 1024 * 1024);
        var response = await head.Http.PostAsync("/alpha/api/content",
            new StringContent(JsonSerializer.Serialize(new { ContentType = "Page", TitlePart = new { Title = caption } }), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("2 MB", (await ContentApiClient.ProblemAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Content_text_over_its_limit_is_refused_naming_the_part_and_field()
    {
        using var head = await Factory.AlphaHeadAsync();
        var api = new ContentApiClient(head, "/alpha");
        var response = await api.CreateAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "NewsArticle",
            ["TitlePart"] = new { Title = "Sports day" },
            ["HtmlBodyPart"] = new { Html = "<p>" + new string('a', 300_000) + "</p>" },
            ["NewsArticle"] = new Dictionary<string, object> { ["UsedElsewhere"] = new { Text = new string('b', 20_000) } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ContentApiClient.ProblemAsync(response)).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.Contains("HtmlBodyPart.Html", StringComparison.Ordinal) && e.Value[0].GetString()!.Contains("200,000"));

        var text = await api.CreateAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "NewsArticle",
            ["TitlePart"] = new { Title = "Sports day" },
            ["NewsArticle"] = new Dictionary<string, object> { ["UsedElsewhere"] = new { Text = new string('b', 20_000) } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, text.StatusCode);
        var textErrors = (await ContentApiClient.ProblemAsync(text)).GetProperty("errors");
        Assert.Contains("at most 10,000 characters", textErrors.GetProperty("NewsArticle.UsedElsewhere")[0].GetString());
    }

    [Fact]
    public async Task A_too_long_note_on_the_person_page_is_shown_beside_it_and_the_other_answers_are_kept()
    {
        using var head = await Factory.AlphaHeadAsync();
        var pupil = await Register.PupilAsync(head, "/alpha", "Ada", "North");
        var page = $"/alpha/admin/people/{pupil}";

        var response = await head.SubmitAsync(page, [new("Consent.Purpose", "website"), new("Consent.Status", "Granted"),
            new("Consent.GivenBy", "Mrs North"), new("Consent.Method", "paper form"), new("Consent.Note", new string('n', 5_000))], $"{page}?handler=Consent");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Note is too long: at most 2,000 characters", Browser.ErrorText(html));
        Assert.Contains("value=\"Mrs North\"", html);

        var person = await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/people/{pupil}");
        Assert.False(person.GetProperty("consents").GetProperty("website").GetProperty("cleared").GetBoolean());

        var link = await head.SubmitAsync(page, [new("CarerName", new string('c', 150))], $"{page}?handler=Link");
        Assert.Contains("Carer name is too long: at most 100 characters", Browser.ErrorText(WebUtility.HtmlDecode(await link.Content.ReadAsStringAsync())));
    }

    [Fact]
    public async Task A_too_long_takedown_note_is_refused_through_the_api_naming_the_field()
    {
        using var head = await Factory.AlphaHeadAsync();
        var response = await head.Http.PostAsJsonAsync("/alpha/api/takedown/no-such-task/done", new { note = new string('t', 3_000) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 2,000", (await ContentApiClient.ProblemAsync(response)).GetProperty("errors").GetProperty("note")[0].GetString());
    }

    [Theory]
    [InlineData("5")]
    [InlineData("-1")]
    [InlineData("Pupil,Staff")]
    public async Task A_kind_or_status_is_read_only_from_its_name(string wrong)
    {
        using var head = await Factory.AlphaHeadAsync();
        var person = await head.Http.PostAsJsonAsync("/alpha/api/people", new
        {
            externalId = "mis-" + Guid.NewGuid().ToString("N")[..8], kind = wrong, legalFirstName = "Numb", legalLastName = "Er", yearGroup = "Year 2", className = "2A",
        });
        Assert.Equal(HttpStatusCode.BadRequest, person.StatusCode);
        Assert.Contains("Pupil or Staff", (await ContentApiClient.ProblemAsync(person)).GetProperty("errors").GetProperty("kind")[0].GetString());

        var pupil = await Register.PupilAsync(head, "/alpha", "Kit", "Name");
        var consent = await head.Http.PostAsJsonAsync($"/alpha/api/people/{pupil}/consents", new { purpose = "website", status = wrong == "Pupil,Staff" ? "Granted,Refused" : wrong });
        Assert.Equal(HttpStatusCode.BadRequest, consent.StatusCode);
        Assert.Contains("Granted, Refused or Objected", (await ContentApiClient.ProblemAsync(consent)).GetProperty("errors").GetProperty("status")[0].GetString());

        var named = await head.Http.PostAsJsonAsync($"/alpha/api/people/{pupil}/consents", new { purpose = "website", status = "granted" });
        Assert.Equal(HttpStatusCode.Created, named.StatusCode);
    }

    [Fact]
    public async Task A_setting_without_a_limit_of_its_own_is_held_to_a_line()
    {
        using var head = await Factory.AlphaHeadAsync();
        var fields = System.Text.RegularExpressions.Regex.Matches(await head.GetPageAsync("/alpha/admin/settings"), "<input[^>]*name=\"(Input\\.[^\"]+)\"[^>]*value=\"([^\"]*)\"")
            .Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        var email = Assert.Single(fields, f => f.Key.EndsWith(".Email", StringComparison.Ordinal)).Key;
        var response = await head.SubmitAsync("/alpha/admin/settings", fields.Where(f => f.Key != email).Append(new(email, new string('e', 300) + "@alpha.example")));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("at most 200 characters", html);
        Assert.DoesNotContain("Settings saved.", html);
    }

    [Fact]
    public async Task A_pictures_alt_text_caption_and_people_have_limits_and_wrong_types_are_named()
    {
        using var head = await Factory.AlphaHeadAsync();
        var id = (await MediaUploads.UploadAsync(head, "/alpha", Media.TestImages.Jpeg(64, 48), "Pond dipping")).GetProperty("id").GetString()!;
        var url = $"/alpha/api/media/{id}";

        var alt = await head.Http.PutAsJsonAsync(url, new { altText = new string('a', 1024 * 1024) });
        Assert.Equal(HttpStatusCode.BadRequest, alt.StatusCode);
        Assert.Contains("at most 2,000 characters", (await ContentApiClient.ProblemAsync(alt)).GetProperty("errors").GetProperty("altText")[0].GetString());
        var caption = await head.Http.PutAsJsonAsync(url, new { caption = new string('c', 5 * 1024 * 1024) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, caption.StatusCode);
        var people = await head.Http.PutAsJsonAsync(url, new { people = Enumerable.Range(0, 1_001).Select(i => $"p{i}").ToArray() });
        Assert.Contains("at most 1,000", (await ContentApiClient.ProblemAsync(people)).GetProperty("errors").GetProperty("people")[0].GetString());
        var wrongType = await head.Http.PutAsync(url, new StringContent("""{"noIdentifiablePeople":"yes"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("noIdentifiablePeople", (await ContentApiClient.ProblemAsync(wrongType)).GetProperty("detail").GetString());

        var upload = await MediaUploads.PostAsync(head, "/alpha", Media.TestImages.Jpeg(64, 48), "class.jpg", ("altText", new string('a', 3_000)));
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("Alt text is too long", (await ContentApiClient.ProblemAsync(upload)).GetProperty("errors").GetProperty("altText")[0].GetString());

        var kept = await head.Http.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal("Pond dipping", kept.GetProperty("altText").GetString());
        Assert.Null(kept.GetProperty("caption").GetString());
    }
}
