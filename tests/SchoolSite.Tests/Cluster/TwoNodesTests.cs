using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Media;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace SchoolSite.Tests.Cluster;

/// <summary>
/// Two web nodes of one installation, each seen through HTTP only: what happens on one is true on the other at once
/// (a withdrawal, a new school, a sign-in, an upload), work that must happen once happens once, and a node that loses
/// Redis shows no picture of a person from a decision it can no longer trust.
/// </summary>
public sealed class TwoNodesTests(TwoNodesFixture nodes, ITestOutputHelper output) : IClassFixture<TwoNodesFixture>
{
    private static readonly TimeSpan WithdrawalDeadline = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_school_created_on_one_node_serves_on_the_other_and_a_sign_in_on_one_is_good_on_the_other()
    {
        // Both schools were created through node A's API.
        using var visitor = new Browser(nodes.B);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"{TwoNodesFixture.Oak}/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"{TwoNodesFixture.Elm}/")).StatusCode);

        using var headOnA = await TwoNodesFixture.SignedInAsync(nodes.A, TwoNodesFixture.Oak, TwoNodesFixture.HeadEmail, TwoNodesFixture.HeadPassword);
        using var headOnB = TwoNodesFixture.Same(headOnA, nodes.B);
        var dashboard = await headOnB.GetAsync($"{TwoNodesFixture.Oak}/admin");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        // A form opened on one node is accepted by the other (one key ring for antiforgery tokens too).
        var person = await Register.PupilAsync(headOnB, TwoNodesFixture.Oak, "Ada", "Node");
        Assert.Equal(HttpStatusCode.OK, (await headOnA.GetAsync($"{TwoNodesFixture.Oak}/api/people/{person}")).StatusCode);
    }

    [Fact]
    public void A_node_configured_for_JSON_logs_writes_one_JSON_object_per_line()
    {
        var lines = nodes.NodeB.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var listening = lines.Single(l => l.Contains("Now listening on", StringComparison.Ordinal));
        using var entry = System.Text.Json.JsonDocument.Parse(listening);
        Assert.Equal("Information", entry.RootElement.GetProperty("LogLevel").GetString());
        Assert.All(lines.Where(l => l.StartsWith('{')), l => System.Text.Json.JsonDocument.Parse(l).Dispose());
    }

    [Fact]
    public async Task An_upload_on_one_node_is_served_by_the_other_from_blob_storage()
    {
        using var head = await TwoNodesFixture.SignedInAsync(nodes.A, TwoNodesFixture.Oak, TwoNodesFixture.HeadEmail, TwoNodesFixture.HeadPassword);
        var pupil = await Register.PupilAsync(head, TwoNodesFixture.Oak, "Bea", "Blob");
        await Register.ConsentAsync(head, TwoNodesFixture.Oak, pupil, "website", "Granted");
        var url = await MediaUploads.PictureOfAsync(head, TwoNodesFixture.Oak, TestImages.Jpeg(240, 160), "Bea at the book fair", pupil);

        using var onA = new Browser(nodes.A);
        using var onB = new Browser(nodes.B);
        var fromA = await onA.GetAsync(url);
        var fromB = await onB.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, fromA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromB.StatusCode);
        Assert.Equal(await fromA.Content.ReadAsByteArrayAsync(), await fromB.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", fromB.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_withdrawal_on_one_node_takes_the_picture_off_the_other_within_two_seconds()
    {
        using var head = await TwoNodesFixture.SignedInAsync(nodes.A, TwoNodesFixture.Oak, TwoNodesFixture.HeadEmail, TwoNodesFixture.HeadPassword);
        var (url, page) = await PublishedPictureAsync(head, "Cal", "Consent", "Sports day on both nodes");

        // Node B has the page in its cache and the picture's decision in memory.
        using var visitor = new Browser(nodes.B);
        Assert.Contains(Shown(url), await visitor.GetPageAsync(page));
        Assert.Contains(Shown(url), await visitor.GetPageAsync(page));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);

        var pupil = await PersonInAsync(head, url);
        await Register.ConsentAsync(head, TwoNodesFixture.Oak, pupil, "website", "Refused");
        var clock = Stopwatch.StartNew();
        var gone = await WithinAsync(WithdrawalDeadline, async () =>
            !(await visitor.GetPageAsync(page)).Contains(Shown(url), StringComparison.Ordinal)
            && (await visitor.GetAsync(url)).StatusCode == HttpStatusCode.NotFound);
        output.WriteLine($"Withdrawal on node A seen on node B after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(gone, $"Node B still showed the picture {WithdrawalDeadline.TotalSeconds} s after the withdrawal on node A.");
    }

    [Fact]
    public async Task A_scheduled_publish_happens_once_and_a_reminder_is_sent_once_with_both_nodes_running()
    {
        using var contributor = await TwoNodesFixture.SignedInAsync(nodes.A, TwoNodesFixture.Elm, "contributor@elm.example", TwoNodesFixture.StaffPassword);
        using var editor = await TwoNodesFixture.SignedInAsync(nodes.B, TwoNodesFixture.Elm, "editor@elm.example", TwoNodesFixture.StaffPassword);
        using var leader = await TwoNodesFixture.SignedInAsync(nodes.A, TwoNodesFixture.Elm, "leader@elm.example", TwoNodesFixture.StaffPassword);
        using var claims = await ConnectionMultiplexer.ConnectAsync(nodes.RedisConfiguration);

        // Planned, checked on node B, signed off on node A, due a few seconds from now.
        var planned = await ArticleAsync(contributor, "Harvest festival on two nodes");
        await StepAsync(contributor, planned, "submit");
        await StepAsync(editor, planned, "check");
        var scheduled = await leader.Http.PostAsJsonAsync($"{TwoNodesFixture.Elm}/api/content/{planned}/workflow/schedule",
            new { publishAt = DateTimeOffset.UtcNow.AddSeconds(3) });
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        await StepAsync(leader, planned, "sign-off");

        // Waiting for a check: submitted, then (as if two weeks had passed) long past the school's reminder time.
        var waiting = await ArticleAsync(contributor, "Choir trip on two nodes");
        await StepAsync(contributor, waiting, "submit");
        await using (var db = nodes.SchoolDatabase("elm"))
        {
            await db.OpenAsync();
            await using var backdate = new Npgsql.NpgsqlCommand("update workflow_instances set updated_utc = updated_utc - @twoWeeks where content_item_id = @id", db);
            backdate.Parameters.AddWithValue("twoWeeks", (long)TimeSpan.FromDays(14).TotalMilliseconds);
            backdate.Parameters.AddWithValue("id", waiting);
            Assert.Equal(1, await backdate.ExecuteNonQueryAsync());
        }

        static bool Reminder(MimeKit.MimeMessage m) => (m.Subject ?? "").Contains("Reminder: 'Choir trip on two nodes'");
        await nodes.Mail.WaitForAsync(m => Reminder(m) && m.To.ToString().Contains("editor@elm.example"), TimeSpan.FromSeconds(30));
        var published = await WithinAsync(TimeSpan.FromSeconds(30), async () =>
            (await ReviewAsync(leader, planned))["state"]!.GetValue<string>() == "Published");
        Assert.True(published, "The planned article was not published at its time.");

        // Both nodes have run both jobs at Elm since then (each run is claimed by one node in Redis).
        await BothNodesRanAsync(claims, "ReviewReminders");
        await BothNodesRanAsync(claims, "ScheduledPublishing");

        var history = (await ReviewAsync(leader, planned))["history"]!.AsArray();
        Assert.Single(history, e => e!["transition"]?.GetValue<string>() == "scheduled-publish");
        // Everyone who can take the next step is reminded once, not once per node.
        var reminded = nodes.Mail.Messages.Where(Reminder).GroupBy(m => m.To.ToString()).ToList();
        Assert.Contains(reminded, g => g.Key.Contains("editor@elm.example"));
        Assert.All(reminded, g => Assert.Single(g));
        using var visitor = new Browser(nodes.B);
        Assert.Contains("Harvest festival on two nodes", await visitor.GetPageAsync($"{TwoNodesFixture.Elm}/"));
    }

    [Fact]
    public async Task With_Redis_stopped_neither_node_shows_a_picture_of_a_person_from_a_stale_decision()
    {
        using var head = await TwoNodesFixture.SignedInAsync(nodes.A, TwoNodesFixture.Oak, TwoNodesFixture.HeadEmail, TwoNodesFixture.HeadPassword);
        var (url, page) = await PublishedPictureAsync(head, "Dan", "Down", "Science week on two nodes");
        var pupil = await PersonInAsync(head, url);
        using var onA = new Browser(nodes.A);
        using var onB = new Browser(nodes.B);
        foreach (var visitor in new[] { onA, onB })
        {
            // Each node has the page cached and the decision in memory.
            Assert.Contains(Shown(url), await visitor.GetPageAsync(page));
            Assert.Contains(Shown(url), await visitor.GetPageAsync(page));
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);
        }

        // A second article, listed on the home page of both nodes (kept in each node's index of lists).
        var (takenDown, takenDownPage) = await Register.PublishArticleAsync(head, TwoNodesFixture.Oak, "Trip to the coast on two nodes", Register.IdOf(url));
        foreach (var visitor in new[] { onA, onB })
        {
            Assert.Contains(takenDownPage, await visitor.GetPageAsync($"{TwoNodesFixture.Oak}/"));
        }

        await nodes.Redis.StopAsync();
        try
        {
            await TwoNodesFixture.WaitForRedisAsync(nodes.A, "Degraded");
            await TwoNodesFixture.WaitForRedisAsync(nodes.B, "Degraded");
            // Node A records the withdrawal and takes the second article down, and cannot tell node B.
            await Register.ConsentAsync(head, TwoNodesFixture.Oak, pupil, "website", "Refused");
            Assert.Equal(HttpStatusCode.OK, (await head.Http.PostAsync($"{TwoNodesFixture.Oak}/api/content/{takenDown}/unpublish", null)).StatusCode);
            foreach (var visitor in new[] { onB, onA })
            {
                Assert.DoesNotContain(Shown(url), await visitor.GetPageAsync(page));
                Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);
                Assert.DoesNotContain(takenDownPage, await visitor.GetPageAsync($"{TwoNodesFixture.Oak}/"));
            }
        }
        finally
        {
            await nodes.Redis.StartAgainAsync();
            await TwoNodesFixture.WaitForRedisAsync(nodes.A, "Healthy");
            await TwoNodesFixture.WaitForRedisAsync(nodes.B, "Healthy");
        }

        // Back in sync: nothing cached before the outage is used, and a new answer is seen on the other node again.
        Assert.Equal(HttpStatusCode.NotFound, (await onB.GetAsync(url)).StatusCode);
        await Register.ConsentAsync(head, TwoNodesFixture.Oak, pupil, "website", "Granted");
        Assert.True(await WithinAsync(WithdrawalDeadline, async () => (await onB.GetAsync(url)).StatusCode == HttpStatusCode.OK),
            "A new consent on node A was not seen on node B after Redis came back.");
    }

    /// <summary>A pupil with consent for the website, in a picture on a published news article; its picture URL and page.</summary>
    private static async Task<(string Url, string Page)> PublishedPictureAsync(Browser head, string first, string last, string title)
    {
        var pupil = await Register.PupilAsync(head, TwoNodesFixture.Oak, first, last);
        await Register.ConsentAsync(head, TwoNodesFixture.Oak, pupil, "website", "Granted");
        var url = await MediaUploads.PictureOfAsync(head, TwoNodesFixture.Oak, TestImages.Jpeg(200, 150), $"{first} with the class", pupil);
        var page = await Register.PublishedArticleAsync(head, TwoNodesFixture.Oak, title, Register.IdOf(url));
        return (url, page);
    }

    /// <summary>How a page shows the picture: any of its renditions, by its address.</summary>
    private static string Shown(string url) => $"/media/{Register.IdOf(url)}/";

    private static async Task<string> PersonInAsync(Browser head, string url)
    {
        var item = await head.Http.GetFromJsonAsync<JsonObject>($"{TwoNodesFixture.Oak}/api/media/{Register.IdOf(url)}");
        return item!["people"]!.AsArray().Single()!.GetValue<string>();
    }

    private static async Task<string> ArticleAsync(Browser author, string title)
    {
        var item = await new ContentApiClient(author, TwoNodesFixture.Elm).CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "NewsArticle",
            ["TitlePart"] = new { Title = title },
            ["HtmlBodyPart"] = new { Html = "<p>Everyone is welcome.</p>" },
        });
        return item["ContentItemId"]!.GetValue<string>();
    }

    private static async Task StepAsync(Browser user, string id, string transition)
    {
        var response = await user.Http.PostAsJsonAsync($"{TwoNodesFixture.Elm}/api/content/{id}/workflow/{transition}", new { });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{transition} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonObject> ReviewAsync(Browser user, string id)
        => (await user.Http.GetFromJsonAsync<JsonObject>($"{TwoNodesFixture.Elm}/api/content/{id}/workflow"))!;

    /// <summary>Waits until each node has claimed a run of the job at Elm (each claim names the node that made it).</summary>
    private static async Task BothNodesRanAsync(ConnectionMultiplexer redis, string job)
    {
        var seen = new HashSet<string>();
        var ran = await WithinAsync(TimeSpan.FromSeconds(30), async () =>
        {
            if (await redis.GetDatabase().StringGetAsync($"schoolsite:claim:job:{job}:elm") is { HasValue: true } node)
            {
                seen.Add(node.ToString());
            }
            return seen.Count >= 2;
        });
        Assert.True(ran, $"Both nodes should have run {job} at Elm by now; seen: {string.Join(", ", seen)}");
    }

    /// <summary>Asks <paramref name="condition"/> until it holds or <paramref name="deadline"/> passes.</summary>
    private static async Task<bool> WithinAsync(TimeSpan deadline, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return true;
            }
            if (clock.Elapsed > deadline)
            {
                return false;
            }
            await Task.Delay(25);
        }
    }
}
