using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Provisioning;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Media;

namespace SchoolSite.Tests.Consent;

/// <summary>A picture of people is public only while everyone in it is cleared; a change counts on the next request.</summary>
public abstract class ConsentGateTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_page_with_two_granted_pupils_shows_their_picture_until_one_family_withdraws()
    {
        using var head = await Factory.AlphaHeadAsync();
        var amelia = await PupilAsync(head, "/alpha", "Amelia", "Watson");
        var tom = await PupilAsync(head, "/alpha", "Tom", "Wright");
        var other = await PupilAsync(head, "/alpha", "Zara", "Ahmed");
        foreach (var pupil in new[] { amelia, tom, other })
        {
            await ConsentAsync(head, "/alpha", pupil, "website", "Granted");
        }
        var url = await MediaUploads.PictureOfAsync(head, "/alpha", TestImages.Jpeg(300, 200), "Year 4 at the science fair", amelia, tom);
        var otherUrl = await MediaUploads.PictureOfAsync(head, "/alpha", TestImages.Jpeg(300, 200), "Zara with her winning poster", other);
        var page = await Register.PublishedArticleAsync(head, "/alpha", "Science fair winners", Register.IdOf(url));
        var otherPage = await Register.PublishedArticleAsync(head, "/alpha", "Poster competition", Register.IdOf(otherUrl));
        using var visitor = new Browser(Factory);
        Assert.Contains("Year 4 at the science fair", await visitor.GetPageAsync(page));
        Assert.Contains("Zara with her winning poster", await visitor.GetPageAsync(otherPage));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);

        await ConsentAsync(head, "/alpha", tom, "website", "Refused");

        var html = await visitor.GetPageAsync(page);
        Assert.Contains("Science fair winners", html);
        Assert.DoesNotContain("Year 4 at the science fair", html);
        Assert.DoesNotContain(Register.IdOf(url), html);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);
        Assert.Contains("Zara with her winning poster", await visitor.GetPageAsync(otherPage));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(otherUrl)).StatusCode);

        var takedown = await Register.TakedownAsync(head, "/alpha", tom);
        var use = Assert.Single(takedown["uses"]!.AsArray());
        Assert.Equal("Science fair winners", use!["title"]!.GetValue<string>());
        Assert.Equal(page, use["url"]!.GetValue<string>());

        var person = await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/people/{tom}");
        var website = person.GetProperty("consents").GetProperty("website");
        Assert.False(website.GetProperty("cleared").GetBoolean());
        Assert.Contains("said no", website.GetProperty("reasons")[0].GetString());
        // Social media was never part of it: one purpose does not bundle another.
        Assert.Contains("No consent is recorded", person.GetProperty("consents").GetProperty("social-media").GetProperty("reasons")[0].GetString());
    }

    [Theory]
    [InlineData("neverPublish")]
    [InlineData("left")]
    public async Task Never_publish_and_leaving_take_the_picture_off_the_page_whatever_the_consent(string change)
    {
        using var head = await Factory.AlphaHeadAsync();
        var pupil = await PupilAsync(head, "/alpha", "Noor", "Begum");
        await ConsentAsync(head, "/alpha", pupil, "website", "Granted");
        var url = await MediaUploads.PictureOfAsync(head, "/alpha", TestImages.Jpeg(300, 200), "Year 4 at the science fair", pupil);
        var page = await Register.PublishedArticleAsync(head, "/alpha", $"Noor's science project {change}", Register.IdOf(url));
        using var visitor = new Browser(Factory);
        Assert.Contains(Register.IdOf(url), await visitor.GetPageAsync(page));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);

        object update = change == "left" ? new { status = "Left" } : new { neverPublish = true };
        Assert.Equal(HttpStatusCode.OK, (await head.Http.PutAsJsonAsync($"/alpha/api/people/{pupil}", update)).StatusCode);

        Assert.DoesNotContain(Register.IdOf(url), await visitor.GetPageAsync(page));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);
        Assert.Equal(page, (await Register.TakedownAsync(head, "/alpha", pupil))["uses"]![0]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_picture_placed_in_the_body_is_gated_like_a_field_picture()
    {
        using var head = await Factory.AlphaHeadAsync();
        var pupil = await PupilAsync(head, "/alpha", "Ruby", "Clarke");
        var url = await MediaUploads.PictureOfAsync(head, "/alpha", TestImages.Jpeg(300, 200), "Ruby at sports day", pupil);
        var api = new ContentApiClient(head, "/alpha");
        var item = await api.CreateOrFailAsync(ContentApiClient.Page("Sports day", $"<p>What a day.</p><figure><img src=\"{url}\" alt=\"Ruby at sports day\"><figcaption>The relay</figcaption></figure><p>Thanks to all.</p>"));
        var id = item["ContentItemId"]!.GetValue<string>();

        var vetoed = await api.PublishAsync(id);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, vetoed.StatusCode);
        Assert.Contains("Body: 'Ruby at sports day': No consent is recorded for Ruby", await vetoed.Content.ReadAsStringAsync());

        await ConsentAsync(head, "/alpha", pupil, "website", "Granted");
        var path = "/alpha/" + (await api.PublishOrFailAsync(id))["AutoroutePart"]!["Path"]!.GetValue<string>();
        using var visitor = new Browser(Factory);
        Assert.Contains("The relay", await visitor.GetPageAsync(path));

        await ConsentAsync(head, "/alpha", pupil, "website", "Refused");
        var html = await visitor.GetPageAsync(path);
        Assert.Contains("Thanks to all.", html);
        Assert.DoesNotContain("The relay", html);
        Assert.DoesNotContain(Register.IdOf(url), html);
    }

    [Fact]
    public async Task A_public_task_purpose_shows_the_picture_until_an_objection_is_recorded()
    {
        Factory.AddRecipe("public-task-school", """
        {
          "name": "public-task-school",
          "steps": [
            { "name": "recipes", "Values": [ { "name": "school-site" } ] },
            { "name": "ConsentPurposes", "Purposes": [ { "Name": "website", "DisplayName": "The school website",
              "Description": "Pictures on the website, as part of the school's public task.", "LawfulBasis": "public-task" } ] }
          ]
        }
        """);
        var result = await Factory.Services.GetRequiredService<TenantProvisioner>().ProvisionAsync(new TenantRequest
        {
            Name = "tasked", DisplayName = "Tasked School", Prefix = "tasked", Recipe = "public-task-school",
            AdminEmail = "head@tasked.example", AdminPassword = TwoSchoolsFixture.AdminPassword,
        });
        Assert.True(result.Succeeded, result.Describe());
        using var head = await Factory.SignedInAsync("/tasked", "head@tasked.example", TwoSchoolsFixture.AdminPassword);
        var pupil = await PupilAsync(head, "/tasked", "Ola", "Nowak");
        var url = await MediaUploads.PictureOfAsync(head, "/tasked", TestImages.Jpeg(300, 200), "Year 4 at the science fair", pupil);
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);
        await ConsentAsync(head, "/tasked", pupil, "website", "Objected");
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Recording_consent_checks_the_purpose_and_status_and_keeps_nothing_on_error()
    {
        using var head = await Factory.AlphaHeadAsync();
        var pupil = await PupilAsync(head, "/alpha", "Zara", "Ahmed");
        var wrong = await head.Http.PostAsJsonAsync($"/alpha/api/people/{pupil}/consents", new { purpose = "billboards", status = "Maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var errors = (await ContentApiClient.ProblemAsync(wrong)).GetProperty("errors");
        Assert.Contains("website", errors.GetProperty("purpose")[0].GetString());
        Assert.Contains("Granted, Refused or Objected", errors.GetProperty("status")[0].GetString());
        var objected = await head.Http.PostAsJsonAsync($"/alpha/api/people/{pupil}/consents", new { purpose = "website", status = "Objected" });
        Assert.Contains("relies on consent", (await ContentApiClient.ProblemAsync(objected)).GetProperty("errors").GetProperty("status")[0].GetString());

        using var staff = await Factory.NewAlphaStaffAsync("Staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Http.PostAsJsonAsync($"/alpha/api/people/{pupil}/consents", new { purpose = "website", status = "Granted" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Http.GetAsync($"/alpha/api/people/{pupil}")).StatusCode);
    }

    [Fact]
    public async Task Publishing_with_an_unreviewed_or_unlabelled_picture_or_a_pupil_without_consent_is_vetoed_with_the_reasons()
    {
        using var head = await Factory.AlphaHeadAsync();
        var pupil = await PupilAsync(head, "/alpha", "Isla", "Brown");
        var cleared = (await MediaUploads.UploadAsync(head, "/alpha", TestImages.Jpeg(120, 80), "Pond dipping")).GetProperty("id").GetString()!;
        var unlabelled = (await MediaUploads.UploadAsync(head, "/alpha", TestImages.Jpeg(120, 80), null)).GetProperty("id").GetString()!;
        var unreviewed = (await MediaUploads.UploadAsync(head, "/alpha", TestImages.Jpeg(120, 80), "Year 3 on the trip")).GetProperty("id").GetString()!;
        await head.Http.PutAsJsonAsync($"/alpha/api/media/{cleared}", new { people = new[] { pupil } });
        await head.Http.PutAsJsonAsync($"/alpha/api/media/{unlabelled}", new { noIdentifiablePeople = true });
        using var dpo = await Factory.NewAlphaStaffAsync("DataProtectionOfficer");
        await MediaUploads.ConfirmAsync(dpo, "/alpha", unlabelled);
        var api = new ContentApiClient(head, "/alpha");
        var article = await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "NewsArticle",
            ["TitlePart"] = new { Title = "Year 3 trip to the pond" },
            ["NewsArticle"] = new Dictionary<string, object> { ["Pictures"] = new { MediaIds = new[] { cleared, unlabelled, unreviewed } } },
        });
        var id = article["ContentItemId"]!.GetValue<string>();

        var vetoed = await api.PublishAsync(id);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, vetoed.StatusCode);
        var reasons = (await ContentApiClient.ProblemAsync(vetoed)).GetProperty("errors").GetProperty("publish").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains(reasons, r => r!.Contains("'Pond dipping': No consent is recorded for Isla (website"));
        Assert.Contains(reasons, r => r!.Contains("has no alt text: describe it for people who cannot see it") && !r.Contains(unlabelled));
        Assert.Contains(reasons, r => r!.Contains("'Year 3 on the trip' is unreviewed"));

        await ConsentAsync(head, "/alpha", pupil, "website", "Granted");
        await head.Http.PutAsJsonAsync($"/alpha/api/media/{unlabelled}", new { altText = "The pond" });
        await head.Http.PutAsJsonAsync($"/alpha/api/media/{unreviewed}", new { noIdentifiablePeople = true });
        await MediaUploads.ConfirmAsync(dpo, "/alpha", unreviewed);
        Assert.Equal(HttpStatusCode.OK, (await api.PublishAsync(id)).StatusCode);
    }


    [Fact]
    public async Task The_admin_editor_and_a_recipe_meet_the_same_publish_gate()
    {
        using var head = await Factory.AlphaHeadAsync();
        var pupil = await PupilAsync(head, "/alpha", "Ivy", "Shah");
        var url = await MediaUploads.PictureOfAsync(head, "/alpha", TestImages.Jpeg(120, 80), "Ivy on the climbing frame", pupil);
        var mediaId = Register.IdOf(url);

        var saved = await head.SubmitAsync("/alpha/admin/content/new/NewsArticle",
            ("TitlePart.Title", "Playground opens"), ("AutoroutePart.Path", "news/playground-opens"), ("HtmlBodyPart.Html", "<p>It is open.</p>"),
            ("NewsArticle.Pictures.MediaIds", mediaId), ("Revision", "0"), ("action", "publish"));
        var editor = System.Net.WebUtility.HtmlDecode(await head.GetPageAsync(saved.Headers.Location!.ToString()));
        Assert.Contains("'Ivy on the climbing frame': No consent is recorded for Ivy", editor);
        // The editor shows each picture, with its status for the field's purpose.
        Assert.Contains($"/alpha/media/{mediaId}/thumbnail", editor);
        Assert.Contains("Pictures (website):</strong> blocked — 'Ivy on the climbing frame': No consent", editor);
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/alpha/news/playground-opens")).StatusCode);

        // A recipe publishes through the same path: a picture it cannot vouch for stops the whole recipe.
        Factory.AddRecipe("pictured-news", """
        { "name": "pictured-news", "steps": [ { "name": "recipes", "Values": [ { "name": "school-site" } ] },
          { "name": "content", "data": [ { "ContentType": "NewsArticle", "Published": true,
            "TitlePart": { "Title": "Recipe news" }, "NewsArticle": { "Pictures": { "MediaIds": [ "notapicture" ] } } } ] } ] }
        """);
        var result = await Factory.Services.GetRequiredService<TenantProvisioner>().ProvisionAsync(new TenantRequest
        {
            Name = "pictured", DisplayName = "Pictured Primary", Prefix = "pictured", Recipe = "pictured-news",
            AdminEmail = "head@pictured.example", AdminPassword = TwoSchoolsFixture.AdminPassword,
        });
        Assert.False(result.Succeeded);
        Assert.Contains("The picture notapicture is not in the media library", result.Describe());
    }

    private static Task<string> PupilAsync(Browser head, string pathBase, string first, string last) => Register.PupilAsync(head, pathBase, first, last);

    private static Task ConsentAsync(Browser head, string pathBase, string person, string purpose, string status)
        => Register.ConsentAsync(head, pathBase, person, purpose, status);
}

public sealed class ConsentGateOnSqlite(SqliteSchools fixture) : ConsentGateTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class ConsentGateOnPostgreSql(PostgreSqlSchools fixture) : ConsentGateTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
