using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Media;

namespace SchoolSite.Tests.Consent;

/// <summary>
/// After a family says no, the website hides their child's pictures by itself; every copy outside it stays on a
/// standing takedown list until someone marks it done, and the DPO sees the count until the list is empty.
/// </summary>
public abstract class TakedownTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_withdrawal_puts_each_copy_outside_the_website_on_a_standing_list_until_someone_marks_it_done()
    {
        await Factory.CreateSchoolAsync("takedowns", "Takedown Primary", "takedowns");
        using var head = await Factory.SignedInAsync("/takedowns", "head@takedowns.example", TwoSchoolsFixture.AdminPassword);
        var pupil = await Register.PupilAsync(head, "/takedowns", "Nia", "Okafor");
        await Register.ConsentAsync(head, "/takedowns", pupil, "website", "Granted");
        await Register.ConsentAsync(head, "/takedowns", pupil, "social-media", "Granted");
        var picture = Register.IdOf(await MediaUploads.PictureOfAsync(head, "/takedowns", TestImages.Jpeg(200, 150), "Nia on the climbing wall", pupil));
        var api = new ContentApiClient(head, "/takedowns");
        var article = await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "NewsArticle",
            ["TitlePart"] = new { Title = "Climbing club" },
            ["NewsArticle"] = new Dictionary<string, object>
            {
                ["Pictures"] = new { MediaIds = new[] { picture } },
                ["UsedElsewhere"] = new { Text = "Spring newsletter; Oakwood Gazette" },
            },
        });
        var articleId = (await api.PublishOrFailAsync(article["ContentItemId"]!.GetValue<string>()))["ContentItemId"]!.GetValue<string>();
        var post = await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "SocialMediaPost",
            ["TitlePart"] = new { Title = "Climbing club post" },
            ["SocialMediaPost"] = new Dictionary<string, object>
            {
                ["Text"] = new { Text = "Great climbing today!" },
                ["Pictures"] = new { MediaIds = new[] { picture } },
                ["Channel"] = new { Text = "Facebook" },
                ["PostedUrl"] = new { Url = "https://facebook.example/posts/1" },
            },
        });
        await api.PublishOrFailAsync(post["ContentItemId"]!.GetValue<string>());

        await Register.ConsentAsync(head, "/takedowns", pupil, "website", "Refused");

        // Later, on any page: the list stands, and the DPO sees how much is left.
        using var dpo = await StaffAsync(head, "DataProtectionOfficer");
        var list = WebUtility.HtmlDecode(await dpo.GetPageAsync("/takedowns/admin/takedown"));
        Assert.Contains("3 copies still to be taken down", list);
        foreach (var place in new[] { "Spring newsletter", "Oakwood Gazette", "social-media: Facebook, https://facebook.example/posts/1" })
        {
            Assert.Contains(place, list);
        }
        Assert.Contains("3 copies of pictures outside the website still to be taken down", WebUtility.HtmlDecode(await dpo.GetPageAsync("/takedowns/admin")));
        var personPage = WebUtility.HtmlDecode(await head.GetPageAsync($"/takedowns/admin/people/{pupil}"));
        Assert.Contains("Climbing club</a>: published, picture hidden", personPage);

        var takedown = await Register.TakedownAsync(head, "/takedowns", pupil);
        var tasks = takedown["tasks"]!.AsArray();
        Assert.Equal(3, tasks.Count);
        var gazette = tasks.Single(t => t!["place"]!.GetValue<string>() == "Oakwood Gazette")!["id"]!.GetValue<string>();
        var done = await dpo.SubmitAsync("/takedowns/admin/takedown", [new("TaskId", gazette), new("Note", "The editor removed it online")],
            "/takedowns/admin/takedown?handler=Done");
        Assert.Contains("2 copies still to be taken down", WebUtility.HtmlDecode(await done.Content.ReadAsStringAsync()));
        personPage = WebUtility.HtmlDecode(await head.GetPageAsync($"/takedowns/admin/people/{pupil}"));
        Assert.Contains("taken down: DataProtectionOfficer", personPage);
        Assert.Contains("The editor removed it online", personPage);

        // Another change does not list again what was already listed.
        await Register.ConsentAsync(head, "/takedowns", pupil, "social-media", "Refused");
        foreach (var task in (await Register.TakedownAsync(head, "/takedowns", pupil))["tasks"]!.AsArray().Where(t => !t!["done"]!.GetValue<bool>()))
        {
            var marked = await dpo.Http.PostAsJsonAsync($"/takedowns/api/takedown/{task!["id"]!.GetValue<string>()}/done", new { note = "Removed" });
            Assert.Equal(HttpStatusCode.OK, marked.StatusCode);
        }
        Assert.Equal(3, (await Register.TakedownAsync(head, "/takedowns", pupil))["tasks"]!.AsArray().Count);
        Assert.Contains("Nothing is waiting to be taken down", await dpo.GetPageAsync("/takedowns/admin/takedown"));
        Assert.DoesNotContain("still to be taken down", WebUtility.HtmlDecode(await dpo.GetPageAsync("/takedowns/admin")));
        var trail = await head.Http.GetStringAsync($"/takedowns/admin/audit?handler=Csv&subject=person:{pupil}");
        Assert.Contains("\"takedown-opened\"", trail);
        Assert.Contains("\"takedown-done\"", trail);
        Assert.Contains(articleId, (await Register.TakedownAsync(head, "/takedowns", pupil))["uses"]!.ToJsonString());
    }

    [Fact]
    public async Task Recent_withdrawals_list_a_yes_turned_no_but_not_a_first_answer_of_no()
    {
        await Factory.CreateSchoolAsync("answers", "Answers Primary", "answers");
        using var head = await Factory.SignedInAsync("/answers", "head@answers.example", TwoSchoolsFixture.AdminPassword);
        var firstNo = await Register.PupilAsync(head, "/answers", "Kofi", "Mensah");
        var changedMind = await Register.PupilAsync(head, "/answers", "Lily", "Evans");
        await Register.ConsentAsync(head, "/answers", firstNo, "website", "Refused");
        await Register.ConsentAsync(head, "/answers", changedMind, "website", "Granted");
        await Register.ConsentAsync(head, "/answers", changedMind, "website", "Refused");

        var overview = WebUtility.HtmlDecode(await head.GetPageAsync("/answers/admin/consent"));
        var withdrawals = overview[overview.IndexOf("Recent withdrawals", StringComparison.Ordinal)..overview.IndexOf("Nothing recorded this year", StringComparison.Ordinal)];
        Assert.Contains("Lily Evans", withdrawals);
        Assert.DoesNotContain("Kofi Mensah", withdrawals);
    }

    private async Task<Browser> StaffAsync(Browser head, string role)
    {
        var email = $"{role.ToLowerInvariant()}@takedowns.example";
        var created = await head.SubmitAsync("/takedowns/admin/users/create",
            ("Input.DisplayName", role), ("Input.Email", email), ("Input.Password", People.StaffPassword), ("Input.Roles", role));
        Assert.Contains("can now sign in", await created.Content.ReadAsStringAsync());
        return await Factory.SignedInAsync("/takedowns", email, People.StaffPassword);
    }
}

public sealed class TakedownOnSqlite(SqliteSchools fixture) : TakedownTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class TakedownOnPostgreSql(PostgreSqlSchools fixture) : TakedownTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
