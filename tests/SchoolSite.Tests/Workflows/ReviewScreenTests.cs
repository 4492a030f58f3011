using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SchoolSite.Tests.Infrastructure;
using static SchoolSite.Tests.Workflows.WorkflowTests<SchoolSite.Tests.Infrastructure.SqliteReviewSchool>;

namespace SchoolSite.Tests.Workflows;

/// <summary>
/// What a reviewer reads: each changed field under the name staff know it by, words added and removed marked with a
/// text label as well as colour, pictures as thumbnails with their description; and "My tasks" counts what the tasks
/// page lists.
/// </summary>
public sealed partial class ReviewScreenTests(SqliteReviewSchool school) : IClassFixture<SqliteReviewSchool>
{
    private const string Base = ReviewSchoolFixture.PathBase;

    [Fact]
    public async Task A_change_to_a_published_article_is_shown_field_by_field_with_labelled_words_and_picture_thumbnails()
    {
        using var contributor = await school.AsAsync("contributor@review.example");
        using var editor = await school.AsAsync("editor@review.example");
        using var leader = await school.AsAsync("leader@review.example");
        var id = await ArticleAsync(contributor, "Pond dipping");
        await OkAsync(contributor, id, "submit");
        await OkAsync(editor, id, "check");
        await OkAsync(leader, id, "sign-off");

        using var head = await school.AsAsync(ReviewSchoolFixture.Head);
        var picture = (await MediaUploads.UploadAsync(head, Base, Media.TestImages.Jpeg(300, 200), "A newt in a net")).GetProperty("id").GetString()!;
        var api = new ContentApiClient(contributor, Base);
        var latest = await (await api.GetAsync(id, "latest")).Content.ReadFromJsonAsync<JsonObject>();
        var edited = await api.UpdateAsync(id, new Dictionary<string, object>
        {
            ["Revision"] = latest!["Revision"]!.GetValue<int>(),
            ["HtmlBodyPart"] = new { Html = "<p>Pond dipping: a muddy day for everyone.</p>" },
            ["NewsArticle"] = new Dictionary<string, object> { ["Pictures"] = new { MediaIds = new[] { picture } } },
        });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        await OkAsync(contributor, id, "submit");

        var review = await editor.GetPageAsync($"{Base}/admin/content/{id}/review");

        Assert.Matches("<h3>Text\\s*<span class=\"changed-tag\"> \\(changed\\)</span>", review);
        Assert.Matches("<h3>Pictures\\s*<span class=\"changed-tag\"> \\(changed\\)</span>", review);
        Assert.Matches(RemovedWord("great"), review);
        Assert.Matches(AddedWord("muddy"), review);
        Assert.Contains($"<img src=\"{Base}/media/{picture}/thumbnail\" alt=\"A newt in a net\"", review);
        Assert.Contains("Added: A newt in a net", review);
        Assert.Contains("Not changed: Title", review);
        // No stored data: no JSON, no ids spelled out as text.
        Assert.DoesNotContain("MediaIds", review);
        Assert.DoesNotContain($">{picture}<", review);
        Assert.DoesNotContain($"\"{picture}\"", review.Replace($"/media/{picture}/", "/media/"));
    }

    [Fact]
    public async Task The_my_tasks_count_in_the_header_is_the_number_of_tasks_the_page_lists()
    {
        using var contributor = await school.AsAsync("contributor@review.example");
        using var checker = await school.AsAsync("editor2@review.example");
        var before = await CountsAsync(checker);
        Assert.Equal(before.Listed, before.Badge);

        var first = await ArticleAsync(contributor, "Book week costumes");
        var second = await ArticleAsync(contributor, "Choir at the town hall");
        await OkAsync(contributor, first, "submit");
        await OkAsync(contributor, second, "submit");
        // A draft nobody has sent is nobody's task.
        await ArticleAsync(contributor, "Draft about the fair");

        var after = await CountsAsync(checker);
        Assert.Equal(before.Listed + 2, after.Listed);
        Assert.Equal(after.Listed, after.Badge);
        Assert.Equal(after.WaitingForYou, after.Listed - after.Yours);
    }

    /// <summary>The header's count, the tasks the page lists (links above its notifications), and its two headings' counts.</summary>
    private static async Task<(int Badge, int Listed, int WaitingForYou, int Yours)> CountsAsync(Browser user)
    {
        var page = await user.GetPageAsync($"{Base}/admin/tasks");
        var badge = Badge().Match(page);
        Assert.True(badge.Success, "No My tasks count in the header.");
        var tasks = page[page.IndexOf("<h2>Waiting for you", StringComparison.Ordinal)..page.IndexOf("<h2>Notifications", StringComparison.Ordinal)];
        var listed = Regex.Count(tasks, "/review\">");
        var waiting = int.Parse(WaitingHeading().Match(tasks).Groups[1].Value);
        var yours = int.Parse(YoursHeading().Match(tasks).Groups[1].Value);
        Assert.Contains(listed == 1 ? "You have 1 task." : $"You have {(listed == 0 ? "no" : listed)} task", page);
        return (int.Parse(badge.Groups[1].Value), listed, waiting, yours);
    }

    private static Regex RemovedWord(string word) => new($"<del class=\"removed\"><span class=\"diff-label\">removed</span>[^<]*\\b{word}\\b[^<]*</del>");

    private static Regex AddedWord(string word) => new($"<ins class=\"added\"><span class=\"diff-label\">added</span>[^<]*\\b{word}\\b[^<]*</ins>");

    [GeneratedRegex("My tasks <span class=\"count\">(\\d+)<")]
    private static partial Regex Badge();

    [GeneratedRegex("Waiting for you \\((\\d+)\\)")]
    private static partial Regex WaitingHeading();

    [GeneratedRegex("Your items that need you \\((\\d+)\\)")]
    private static partial Regex YoursHeading();
}
