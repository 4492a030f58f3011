using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Media;

namespace SchoolSite.Tests.Consent;

/// <summary>
/// Consent is given per school year: when the year rolls over, pictures wait for the new year's consent. An objection
/// under public task and the never-publish flag do not lapse: they last until someone lifts them.
/// </summary>
public sealed class SchoolYearTests : IAsyncLifetime
{
    private readonly ClockedFactory _factory = new(new DateTimeOffset(2027, 6, 15, 9, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        _factory.AddRecipe("public-task-school", """
        {
          "name": "public-task-school",
          "steps": [
            { "name": "recipes", "Values": [ { "name": "school-site" } ] },
            { "name": "ConsentPurposes", "Purposes": [ { "Name": "website", "DisplayName": "The school website",
              "Description": "Pictures on the website, as part of the school's public task.", "LawfulBasis": "public-task" } ] }
          ]
        }
        """);
        _ = _factory.Server;
        await _factory.CreateSchoolAsync("alpha", "Alpha Primary", "alpha");
        await _factory.CreateSchoolAsync("tasked", "Tasked Primary", "tasked", recipe: "public-task-school");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_picture_stops_showing_when_the_school_year_ends_until_consent_for_the_new_year_is_recorded()
    {
        using var head = await _factory.AlphaHeadAsync();
        var pupil = (await (await head.Http.PostAsJsonAsync("/alpha/api/people", new
        {
            externalId = "mis-2001", kind = "Pupil", legalFirstName = "Ella", legalLastName = "Jones", yearGroup = "Year 6",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Created, (await head.Http.PostAsJsonAsync($"/alpha/api/people/{pupil}/consents", new { purpose = "website", status = "Granted" })).StatusCode);
        var url = await MediaUploads.PictureOfAsync(head, "/alpha", TestImages.Jpeg(300, 200), "Year 6 leavers' assembly", pupil!);
        var (articleId, page) = await Register.PublishArticleAsync(head, "/alpha", "Leavers' assembly", Register.IdOf(url));
        using var visitor = new Browser(_factory);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);
        Assert.Contains(Register.IdOf(url), await visitor.GetPageAsync(page));

        var article = (await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/content/{articleId}/checks"))[0];
        Assert.Equal("Cleared", article.GetProperty("severity").GetString());
        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 8, 10, 9, 0, 0, TimeSpan.Zero));
        using (var editor = await _factory.AlphaHeadAsync())
        {
            var lapsing = (await editor.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/content/{articleId}/checks"))[0];
            Assert.Equal("Lapsing", lapsing.GetProperty("severity").GetString());
            Assert.Contains("lapses at the end of the school year (1 September 2027)", lapsing.GetProperty("message").GetString());
        }

        // 31 August 23:30 in London is still 2026–27; half an hour later it is 2027–28.
        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 8, 31, 22, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);
        Assert.Contains(Register.IdOf(url), await visitor.GetPageAsync(page));
        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 8, 31, 23, 30, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);
        Assert.DoesNotContain(Register.IdOf(url), await visitor.GetPageAsync(page));

        using var again = await _factory.AlphaHeadAsync();
        var person = await again.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/people/{pupil}");
        Assert.Contains("2027–28", person.GetProperty("consents").GetProperty("website").GetProperty("reasons")[0].GetString());
        Assert.Equal(HttpStatusCode.Created, (await again.Http.PostAsJsonAsync($"/alpha/api/people/{pupil}/consents", new { purpose = "website", status = "Granted" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);
        Assert.Contains(Register.IdOf(url), await visitor.GetPageAsync(page));
    }

    [Fact]
    public async Task An_objection_under_public_task_and_never_publish_last_past_the_end_of_the_year_until_someone_lifts_them()
    {
        using var head = await _factory.SignedInAsync("/tasked", "head@tasked.example", TwoSchoolsFixture.AdminPassword);
        var objected = await Register.PupilAsync(head, "/tasked", "Ola", "Nowak");
        var protectedChild = await Register.PupilAsync(head, "/tasked", "Sam", "Reid");
        var objectedUrl = await MediaUploads.PictureOfAsync(head, "/tasked", TestImages.Jpeg(300, 200), "Ola at the science fair", objected);
        var protectedUrl = await MediaUploads.PictureOfAsync(head, "/tasked", TestImages.Jpeg(300, 200), "Sam reading", protectedChild);
        await Register.ConsentAsync(head, "/tasked", objected, "website", "Objected");
        Assert.Equal(HttpStatusCode.OK, (await head.Http.PutAsJsonAsync($"/tasked/api/people/{protectedChild}", new { neverPublish = true })).StatusCode);
        using var visitor = new Browser(_factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(objectedUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(protectedUrl)).StatusCode);

        // 1 September: a new school year. Neither comes back by itself.
        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 9, 2, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(objectedUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(protectedUrl)).StatusCode);
        using var again = await _factory.SignedInAsync("/tasked", "head@tasked.example", TwoSchoolsFixture.AdminPassword);
        var person = await again.Http.GetFromJsonAsync<JsonElement>($"/tasked/api/people/{objected}");
        Assert.Contains("has objected (website, since 2026–27)", person.GetProperty("consents").GetProperty("website").GetProperty("reasons")[0].GetString());

        // Lifting each is a change someone makes, and it is in the audit trail.
        await Register.ConsentAsync(again, "/tasked", objected, "website", "Granted");
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(objectedUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.Http.PutAsJsonAsync($"/tasked/api/people/{protectedChild}", new { neverPublish = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(protectedUrl)).StatusCode);
        var trail = await again.Http.GetStringAsync("/tasked/admin/audit?handler=Csv");
        Assert.Contains("website 2027–28: Granted", trail);
        Assert.Contains("\"NeverPublish\":false", trail.Replace("\"\"", "\""));
    }
}
