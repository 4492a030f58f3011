using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Workflows;

/// <summary>Two-stage review on the server: separation of duties, approval bound to a version, one publish path.</summary>
public abstract class WorkflowTests<TFixture>(TFixture school) where TFixture : ReviewSchoolFixture
{
    private const string Base = ReviewSchoolFixture.PathBase;

    [Fact]
    public async Task Authors_cannot_check_their_own_work_checkers_cannot_sign_off_and_nothing_unapproved_is_published()
    {
        using var contributor = await school.AsAsync("contributor@review.example");
        using var editor = await school.AsAsync("editor@review.example");
        using var leader = await school.AsAsync("leader@review.example");
        using var head = await school.AsAsync(ReviewSchoolFixture.Head);

        var id = await ArticleAsync(contributor, "Year 6 residential");
        await OkAsync(contributor, id, "submit");
        var denied = await TakeAsync(contributor, id, "check");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        // The refusal says who can take the step and whom to ask, by name.
        var deniedText = await denied.Content.ReadAsStringAsync();
        Assert.Contains("needs to check this: ask ", deniedText);
        Assert.Contains("Eddie Editor", deniedText);
        Assert.DoesNotContain("Rule '", deniedText);

        // The administrator has every permission, but not the right to publish what nobody approved.
        var published = await head.Http.PostAsync($"{Base}/api/content/{id}/publish", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, published.StatusCode);
        Assert.Contains("Not published yet: it is waiting for a colleague's check. It is published as soon as that is done.", await published.Content.ReadAsStringAsync());

        // An editor's own article: they cannot check it.
        var own = await ArticleAsync(editor, "Book fair");
        await OkAsync(editor, own, "submit");
        var self = await TakeAsync(editor, own, "check");
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Contains("You worked on this version, so a colleague needs to check this: ask ", await self.Content.ReadAsStringAsync());
        // The review screen offers no such button, and a forged form gets the same answer.
        var screen = WebUtility.HtmlDecode(await editor.GetPageAsync($"{Base}/admin/content/{own}/review"));
        Assert.DoesNotContain("value=\"check\"", screen);
        Assert.Contains("You worked on this version, so a colleague needs to check this", screen);
        var forged = await editor.SubmitAsync($"{Base}/admin/content/{own}/review", ("Transition", "check"),
            ("Revision", (await StateAsync(editor, own))["revision"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("<p class=\"errors\" role=\"alert\">You worked on this version", WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync()));
        Assert.Equal("Submitted", (await StateAsync(editor, own))["state"]!.GetValue<string>());

        // The leader checks the contributor's article, so another leader must sign it off.
        await OkAsync(leader, id, "check");
        var signOff = await TakeAsync(leader, id, "sign-off");
        Assert.Equal(HttpStatusCode.Forbidden, signOff.StatusCode);
        var signOffText = await signOff.Content.ReadAsStringAsync();
        Assert.Contains("You checked this version, so someone else needs to sign this off: ask ", signOffText);
        Assert.Contains("Luke Leader", signOffText);
        Assert.DoesNotContain("Lena Leader", signOffText);
        var byEditor = await TakeAsync(editor, id, "sign-off");
        Assert.Equal(HttpStatusCode.Forbidden, byEditor.StatusCode);
        Assert.Contains("needs to sign this off: ask ", await byEditor.Content.ReadAsStringAsync());

        var state = await StateAsync(editor, id);
        Assert.Equal("Checked", state["state"]!.GetValue<string>());
        Assert.Contains(state["transitions"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "sign-off" && !t["allowed"]!.GetValue<bool>());
    }

    [Fact]
    public async Task An_edit_after_sign_off_sends_the_item_back_to_draft_and_the_old_approval_publishes_nothing()
    {
        using var contributor = await school.AsAsync("contributor@review.example");
        using var editor = await school.AsAsync("editor@review.example");
        using var leader = await school.AsAsync("leader@review.example");
        var api = new ContentApiClient(contributor, Base);
        var id = await ArticleAsync(contributor, "Harvest festival");
        await OkAsync(contributor, id, "submit");
        await OkAsync(editor, id, "check");
        // Planned for next week, so the sign-off leaves it waiting for its time instead of publishing it.
        var planned = await leader.Http.PostAsJsonAsync($"{Base}/api/content/{id}/workflow/schedule", new { publishAt = DateTimeOffset.UtcNow.AddDays(7) });
        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        var signedOff = await OkAsync(leader, id, "sign-off");
        Assert.Contains("Signed off. It will be published on ", signedOff["message"]!.GetValue<string>());
        Assert.Equal("Approved", signedOff["state"]!.GetValue<string>());

        var latest = await (await api.GetAsync(id, "latest")).Content.ReadFromJsonAsync<JsonObject>();
        var edited = await api.UpdateAsync(id, new Dictionary<string, object>
        {
            ["Revision"] = latest!["Revision"]!.GetValue<int>(),
            ["TitlePart"] = new { Title = "Harvest festival (changed after sign-off)" },
        });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        var state = await StateAsync(leader, id);
        Assert.Equal("Draft", state["state"]!.GetValue<string>());
        Assert.Contains("back to Draft", state["history"]!.AsArray().Last()!["comment"]!.GetValue<string>());
        var publish = await leader.Http.PostAsync($"{Base}/api/content/{id}/publish", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, publish.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await TakeAsync(leader, id, "publish")).StatusCode);
        using var visitor = new Browser(school.Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"{Base}/api/content/{id}")).StatusCode);
    }

    [Fact]
    public async Task Two_leaders_signing_off_at_once_one_succeeds_the_other_gets_409_and_it_is_published_once()
    {
        using var contributor = await school.AsAsync("contributor@review.example");
        using var editor = await school.AsAsync("editor@review.example");
        using var leader = await school.AsAsync("leader@review.example");
        using var leader2 = await school.AsAsync("leader2@review.example");
        var id = await ArticleAsync(contributor, "Sports day results");
        await OkAsync(contributor, id, "submit");
        await OkAsync(editor, id, "check");

        // Both open the item, then both sign off.
        var seen = (await StateAsync(leader, id))["revision"]!.GetValue<int>();
        var responses = await Task.WhenAll(
            TakeAsync(leader, id, "sign-off", revision: seen),
            TakeAsync(leader2, id, "sign-off", revision: seen));
        Assert.True(responses.Select(r => r.StatusCode).Order().SequenceEqual([HttpStatusCode.OK, HttpStatusCode.Conflict]),
            string.Join("\n", await Task.WhenAll(responses.Select(async r => $"{(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}"))));

        // The sign-off that won published it at once; nobody presses Publish afterwards.
        Assert.Equal("Published", (await StateAsync(leader, id))["state"]!.GetValue<string>());
        var history = (await StateAsync(leader, id))["history"]!.AsArray();
        Assert.Single(history, e => e!["transition"]!.GetValue<string>() == "publish");
        Assert.Single(history, e => e!["transition"]!.GetValue<string>() == "sign-off");
    }

    [Fact]
    public async Task Sign_off_publishes_at_once_and_every_step_says_what_happens_next()
    {
        using var contributor = await school.AsAsync("contributor@review.example");
        using var editor = await school.AsAsync("editor@review.example");
        using var leader = await school.AsAsync("leader@review.example");
        var id = await ArticleAsync(contributor, "Eco council plants trees");

        var submitted = (await OkAsync(contributor, id, "submit"))["message"]!.GetValue<string>();
        Assert.Contains("Submitted for checking.", submitted);
        Assert.Contains("to check it, then for", submitted);
        Assert.Contains("it is published as soon as they do", submitted);
        var check = (await OkAsync(editor, id, "check"))["message"]!.GetValue<string>();
        Assert.Contains("Checked. It now waits for", check);

        var signOff = await OkAsync(leader, id, "sign-off");
        Assert.Equal("Signed off and published: it is now on the school's website.", signOff["message"]!.GetValue<string>());
        Assert.Equal("Published", signOff["state"]!.GetValue<string>());
        using var visitor = new Browser(school.Factory);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"{Base}/api/content/{id}")).StatusCode);
        Assert.DoesNotContain((await StateAsync(leader, id))["history"]!.AsArray(), e => e!["step"]!.GetValue<string>().Contains('→'));
    }

    [Fact]
    public async Task With_colleagues_an_administrator_publishes_alone_only_where_the_school_allows_it_and_never_content_about_pupils()
    {
        using var head = await school.AsAsync(ReviewSchoolFixture.Head);
        var api = new ContentApiClient(head, Base);
        async Task<string> PageAsync(string title, object? pictures = null)
        {
            var parts = new Dictionary<string, object>
            {
                ["ContentType"] = "Page",
                ["TitlePart"] = new { Title = title },
                ["HtmlBodyPart"] = new { Html = $"<p>{title}: information for families.</p>" },
            };
            if (pictures is not null)
            {
                parts["Page"] = new Dictionary<string, object> { ["Pictures"] = pictures };
            }
            return (await api.CreateOrFailAsync(parts))["ContentItemId"]!.GetValue<string>();
        }
        var uniform = await PageAsync("School uniform");
        var refused = await head.Http.PostAsync($"{Base}/api/content/{uniform}/publish", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Not published: it needs a colleague's approval first", await refused.Content.ReadAsStringAsync());

        var pupil = await Register.PupilAsync(head, Base, "Isla", "Brown");
        await Register.ConsentAsync(head, Base, pupil, "website", "Granted");
        var url = await MediaUploads.PictureOfAsync(head, Base, Media.TestImages.Jpeg(200, 150), "Isla in her uniform", pupil);
        await SettingsAsync(head, ("Input.AdministratorPublishesAlone", "true"));
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await head.Http.PostAsync($"{Base}/api/content/{uniform}/publish", null)).StatusCode);
            using var visitor = new Browser(school.Factory);
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"{Base}/api/content/{uniform}")).StatusCode);

            // Whatever the setting, a page picturing a pupil waits for two people, and only an administrator is trusted alone.
            var pictured = await PageAsync("Uniform for PE", new { MediaIds = new[] { Register.IdOf(url) } });
            var twoPeople = await head.Http.PostAsync($"{Base}/api/content/{pictured}/publish", null);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, twoPeople.StatusCode);
            Assert.Contains("because it has pictures of pupils", await twoPeople.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"{Base}/api/content/{pictured}")).StatusCode);

            using var leader = await school.AsAsync("leader@review.example");
            var byLeader = (await new ContentApiClient(leader, Base).CreateOrFailAsync(new Dictionary<string, object>
            {
                ["ContentType"] = "Page", ["TitlePart"] = new { Title = "Lunch menu" }, ["HtmlBodyPart"] = new { Html = "<p>Lunch menu.</p>" },
            }))["ContentItemId"]!.GetValue<string>();
            Assert.NotEqual(HttpStatusCode.OK, (await leader.Http.PostAsync($"{Base}/api/content/{byLeader}/publish", null)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"{Base}/api/content/{byLeader}")).StatusCode);
        }
        finally
        {
            await SettingsAsync(head, ("Input.AdministratorPublishesAlone", "false"));
        }
    }

    /// <summary>Saves the settings page as it is, with these values changed (a checkbox is sent only when ticked, as a browser does).</summary>
    public static async Task SettingsAsync(Browser head, params (string Name, string Value)[] changes)
    {
        var page = await head.GetPageAsync($"{Base}/admin/settings");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (System.Text.RegularExpressions.Match input in System.Text.RegularExpressions.Regex.Matches(page, "<input[^>]*>"))
        {
            var tag = input.Value;
            var name = System.Text.RegularExpressions.Regex.Match(tag, "name=\"(Input\\.[^\"]+)\"").Groups[1].Value;
            var value = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(tag, "value=\"([^\"]*)\"").Groups[1].Value);
            if (name.Length == 0 || changes.Any(c => c.Name == name) || (tag.Contains("type=\"checkbox\"") && !tag.Contains("checked")))
            {
                continue;
            }
            fields.Add(new(name, value));
        }
        fields.AddRange(changes.Where(c => c.Value != "false").Select(c => new KeyValuePair<string, string>(c.Name, c.Value)));
        Assert.Contains("Settings saved", await (await head.SubmitAsync($"{Base}/admin/settings", fields)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_changes_needs_a_comment_and_the_author_is_told_by_email()
    {
        using var contributor = await school.AsAsync("contributor@review.example");
        using var editor = await school.AsAsync("editor@review.example");
        var id = await ArticleAsync(contributor, "Nativity play");
        await OkAsync(contributor, id, "submit");

        var bare = await TakeAsync(editor, id, "request-changes");
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Equal("Submitted", (await StateAsync(editor, id))["state"]!.GetValue<string>());

        await OkAsync(editor, id, "request-changes", "Please use first names only.");
        Assert.Equal("Draft", (await StateAsync(editor, id))["state"]!.GetValue<string>());
        var mail = await school.Mail.WaitForAsync(m => m.To.ToString().Contains("contributor@review.example") && (m.Subject ?? "").Contains("Changes requested"));
        Assert.Contains("Please use first names only.", mail.TextBody ?? "");
        Assert.Contains("Nativity play", mail.Subject);
    }

    [Fact]
    public async Task A_page_picturing_pupils_is_moved_onto_two_stage_and_the_submitter_is_told_why()
    {
        using var head = await school.AsAsync(ReviewSchoolFixture.Head);
        using var contributor = await school.AsAsync("contributor@review.example");
        var pupil = await Register.PupilAsync(head, Base, "Ruby", "Clarke");
        await Register.ConsentAsync(head, Base, pupil, "website", "Granted");
        var url = await MediaUploads.PictureOfAsync(head, Base, Media.TestImages.Jpeg(200, 150), "Ruby on the climbing wall", pupil);
        var api = new ContentApiClient(contributor, Base);
        var page = await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "Page",
            ["TitlePart"] = new { Title = "Climbing club" },
            ["HtmlBodyPart"] = new { Html = "<p>Our climbing club meets on Tuesdays.</p>" },
            ["Page"] = new Dictionary<string, object> { ["Pictures"] = new { MediaIds = new[] { Register.IdOf(url) } } },
        });
        var id = page["ContentItemId"]!.GetValue<string>();
        Assert.Equal("one-stage", (await StateAsync(contributor, id))["workflowType"]!.GetValue<string>());

        var submitted = await OkAsync(contributor, id, "submit");
        Assert.Equal("two-stage", submitted["workflowType"]!.GetValue<string>());
        Assert.Contains("Because it has pictures of pupils, it needs two people", submitted["message"]!.GetValue<string>());
        Assert.Contains(submitted["transitions"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "check");
    }

    [Fact]
    public async Task A_social_media_sign_off_tells_the_dpo_and_the_post_is_on_the_takedown_list()
    {
        using var head = await school.AsAsync(ReviewSchoolFixture.Head);
        using var contributor = await school.AsAsync("contributor@review.example");
        using var editor = await school.AsAsync("editor@review.example");
        using var leader = await school.AsAsync("leader@review.example");
        var pupil = await Register.PupilAsync(head, Base, "Zara", "Ahmed");
        await Register.ConsentAsync(head, Base, pupil, "social-media", "Granted");
        var url = await MediaUploads.PictureOfAsync(head, Base, Media.TestImages.Jpeg(200, 150), "Zara with her science prize", pupil);
        var api = new ContentApiClient(contributor, Base);
        var post = await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "SocialMediaPost",
            ["TitlePart"] = new { Title = "Science prize post" },
            ["SocialMediaPost"] = new Dictionary<string, object>
            {
                ["Text"] = new { Text = "Congratulations to our Year 4 science prize winner!" },
                ["Channel"] = new { Text = "School Facebook page" },
                ["Pictures"] = new { MediaIds = new[] { Register.IdOf(url) } },
            },
        });
        var id = post["ContentItemId"]!.GetValue<string>();
        await OkAsync(contributor, id, "submit");
        await OkAsync(editor, id, "check");
        await OkAsync(leader, id, "sign-off");

        var mail = await school.Mail.WaitForAsync(m => m.To.ToString().Contains("dpo@review.example") && (m.Subject ?? "").Contains("Science prize post"));
        Assert.Contains("Social media sign-off", mail.Subject);
        using var dpo = await school.AsAsync("dpo@review.example");
        Assert.Contains("Science prize post", await dpo.GetPageAsync($"{Base}/admin/tasks"));
        var takedown = await Register.TakedownAsync(head, Base, pupil);
        Assert.Contains(takedown["uses"]!.AsArray(), u => u!["title"]!.GetValue<string>() == "Science prize post");
    }

    [Fact]
    public async Task Emergency_publish_is_off_unless_the_school_turns_it_on_and_then_needs_a_reason_and_tells_the_head_and_dpo()
    {
        using var head = await school.AsAsync(ReviewSchoolFixture.Head);
        using var headteacher = await school.AsAsync("headteacher@review.example");
        var id = await ArticleAsync(headteacher, "School closed today: snow");

        var off = await headteacher.Http.PostAsJsonAsync($"{Base}/api/content/{id}/workflow/emergency-publish", new { comment = "The heating has failed and the roads are closed." });
        Assert.Equal(HttpStatusCode.Forbidden, off.StatusCode);
        Assert.Contains("Emergency publishing is switched off for this school", await off.Content.ReadAsStringAsync());

        await SettingsAsync(head, ("Input.EmergencyPublishEnabled", "true"));
        try
        {
            var reasonless = await headteacher.Http.PostAsJsonAsync($"{Base}/api/content/{id}/workflow/emergency-publish", new { comment = "" });
            Assert.Equal(HttpStatusCode.BadRequest, reasonless.StatusCode);

            var done = await headteacher.Http.PostAsJsonAsync($"{Base}/api/content/{id}/workflow/emergency-publish",
                new { comment = "The heating has failed and the roads are closed." });
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            using var visitor = new Browser(school.Factory);
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"{Base}/api/content/{id}")).StatusCode);
            var toDpo = await school.Mail.WaitForAsync(m => m.To.ToString().Contains("dpo@review.example") && (m.Subject ?? "").Contains("Emergency publish"));
            Assert.Contains("The heating has failed", toDpo.TextBody ?? "");
            await school.Mail.WaitForAsync(m => m.To.ToString().Contains("headteacher@review.example") && (m.Subject ?? "").Contains("Emergency publish: 'School closed today"));
        }
        finally
        {
            await SettingsAsync(head, ("Input.EmergencyPublishEnabled", "false"));
        }
    }

    [Fact]
    public async Task An_empty_form_posted_with_a_reviewers_cookie_moves_no_step()
    {
        using var contributor = await school.AsAsync("contributor@review.example");
        using var editor = await school.AsAsync("editor@review.example");
        var id = await ArticleAsync(contributor, "Sports day heats");
        await OkAsync(contributor, id, "submit");

        editor.SendsApiToken = false;
        var forged = new HttpRequestMessage(HttpMethod.Post, $"{Base}/api/content/{id}/workflow/check") { Content = new FormUrlEncodedContent([]) };
        forged.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.Http.SendAsync(forged)).StatusCode);
        Assert.Equal("Submitted", (await StateAsync(editor, id))["state"]!.GetValue<string>());

        // The editor's own call, with the antiforgery header, takes the step.
        editor.SendsApiToken = true;
        Assert.Equal(HttpStatusCode.OK, (await editor.Http.PostAsync($"{Base}/api/content/{id}/workflow/check", null)).StatusCode);
        Assert.Equal("Checked", (await StateAsync(editor, id))["state"]!.GetValue<string>());
    }

    public static async Task<string> ArticleAsync(Browser author, string title)
    {
        var item = await new ContentApiClient(author, Base).CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "NewsArticle",
            ["TitlePart"] = new { Title = title },
            ["HtmlBodyPart"] = new { Html = $"<p>{title}: a great day for everyone.</p>" },
        });
        return item["ContentItemId"]!.GetValue<string>();
    }

    public static Task<HttpResponseMessage> TakeAsync(Browser user, string id, string transition, string? comment = null, int? revision = null)
        => user.Http.PostAsJsonAsync($"{Base}/api/content/{id}/workflow/{transition}", new { comment, revision });

    public static async Task<JsonObject> OkAsync(Browser user, string id, string transition, string? comment = null)
    {
        var response = await TakeAsync(user, id, transition, comment);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{transition} answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public static async Task<JsonObject> StateAsync(Browser user, string id)
        => (await user.Http.GetFromJsonAsync<JsonObject>($"{Base}/api/content/{id}/workflow"))!;
}

public sealed class WorkflowOnSqlite(SqliteReviewSchool school) : WorkflowTests<SqliteReviewSchool>(school), IClassFixture<SqliteReviewSchool>;

public sealed class WorkflowOnPostgreSql(PostgreSqlReviewSchool school) : WorkflowTests<PostgreSqlReviewSchool>(school), IClassFixture<PostgreSqlReviewSchool>;
