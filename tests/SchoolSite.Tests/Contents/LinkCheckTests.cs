using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Contents;

/// <summary>
/// Links to the school's own addresses are checked against its pages: one that goes nowhere is a warning naming
/// the link and the field, in the editor, in the checks reviewers see and while typing, and never stops publishing.
/// </summary>
public sealed class LinkCheckTests(SqliteSchools fixture) : IClassFixture<SqliteSchools>
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_link_to_an_address_with_no_page_is_a_warning_in_the_editor_and_in_the_checks_and_publishing_goes_ahead()
    {
        using var head = await Factory.AlphaHeadAsync();
        var (_, draft) = await PagesAsync(head, "uniform", "trips");
        Assert.NotNull(draft);
        var saved = await head.SubmitAsync("/alpha/admin/content/new/Page",
            ("TitlePart.Title", "Parents' guide"), ("AutoroutePart.Path", "parents-guide"),
            ("HtmlBodyPart.Html", "<p><a href=\"/alpha/uniform\">Uniform</a>, <a href=\"/alpha/unifrom#kit\">Uniform <strong>list</strong></a>, " +
                "<a href=\"/alpha/trips\">Trips</a>, <a href=\"/beta/uniform\">Beta's uniform</a>, <a href=\"/alpha/news/rss\">News feed</a>, " +
                "<a href=\"/alpha/\">Home</a>, <a href=\"https://example.org/nowhere\">Elsewhere</a></p>"),
            ("Revision", "0"), ("action", "publish"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var editor = WebUtility.HtmlDecode(await head.GetPageAsync(saved.Headers.Location!.ToString()));
        Assert.Contains("Published: it is now on the school's website. 3 links go to addresses with no page: see the checks below.", editor);
        Assert.Contains("<strong>Text:</strong> warning — The link 'Uniform list' goes to /alpha/unifrom#kit, which is not a page on this site", editor);
        Assert.Contains("The link 'Trips' goes to /alpha/trips, which is not published yet", editor);
        Assert.Contains("The link 'Beta's uniform' goes to /beta/uniform, which is outside this school's site: its addresses start with /alpha/.", editor);
        foreach (var fine in new[] { "'Uniform' goes", "'News feed'", "'Home'", "'Elsewhere'" })
        {
            Assert.DoesNotContain(fine, editor);
        }

        // A warning, not a veto: the page is on the site.
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/alpha/parents-guide")).StatusCode);
        // Reviewers and scripts read the same checks.
        var id = saved.Headers.Location!.ToString().Split('/').Last();
        var checks = await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/content/{id}/checks");
        var warnings = checks.EnumerateArray().Where(c => c.GetProperty("severity").GetString() == "Warning").ToList();
        Assert.Equal(3, warnings.Count);
        Assert.All(warnings, w => Assert.Equal("Text", w.GetProperty("area").GetString()));
    }

    [Fact]
    public async Task Menu_entries_and_link_fields_are_checked_and_the_live_check_answers_the_same()
    {
        using var head = await Factory.AlphaHeadAsync();
        var (_, draft) = await PagesAsync(head, "clubs", "holiday-club");
        var entries = $$"""
            [ { "Text": "Clubs", "Url": "/clubs" }, { "Text": "Clubs typo", "Url": "/clbus" },
              { "Text": "Holiday club", "ContentItemId": "{{draft}}", "Items": [ { "Text": "Gone", "ContentItemId": "nosuchitem00" } ] } ]
            """;
        var menu = await head.SubmitAsync("/alpha/admin/content/new/Menu",
            ("TitlePart.Title", "Clubs menu"), ("MenuPart.ItemsJson", entries), ("Revision", "0"), ("action", "save"));
        var editor = WebUtility.HtmlDecode(await head.GetPageAsync(menu.Headers.Location!.ToString()));
        Assert.Contains("Saved as a draft: it is not on the website until it is published. 3 links go to addresses with no page", editor);
        Assert.Contains("<strong>Menu:</strong> warning — The link 'Clubs typo' goes to /clbus, which is not a page on this site", editor);
        Assert.Contains("The link 'Holiday club' goes to 'Holiday club', which is not published yet: the menu leaves it out until it is.", editor);
        Assert.Contains("The link 'Gone' goes to a page that no longer exists", editor);
        Assert.DoesNotContain("'Clubs' goes", editor);

        var post = await head.SubmitAsync("/alpha/admin/content/new/SocialMediaPost",
            ("TitlePart.Title", "Clubs post"), ("SocialMediaPost.PostedUrl.Url", "/alpha/clubs-post"), ("SocialMediaPost.PostedUrl.Text", "Our post"),
            ("Revision", "0"), ("action", "save"));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Contains("<strong>Posted at (address of the post):</strong> warning — The link 'Our post' goes to /alpha/clubs-post",
            WebUtility.HtmlDecode(await head.GetPageAsync(post.Headers.Location!.ToString())));

        // While someone types: the same words for the same links.
        var live = await head.Http.PostAsJsonAsync("/alpha/api/editor/links", new { area = "Text", html = "<p><a href=\"/alpha/clbus\">Clubs</a> <a href=\"/alpha/clubs\">ok</a></p>" });
        var found = await live.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The link 'Clubs' goes to /alpha/clbus, which is not a page on this site: visitors would find no page there.", found.EnumerateArray().Single().GetProperty("message").GetString());
        var liveMenu = await head.Http.PostAsJsonAsync("/alpha/api/editor/links", new { menu = new[] { new { Text = "Typo", Url = "/clbus" } } });
        Assert.Single((await liveMenu.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());

        using var staff = await Factory.NewAlphaStaffAsync("Staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Http.PostAsJsonAsync("/alpha/api/editor/links", new { html = "<a href=\"/x\">x</a>" })).StatusCode);
    }

    /// <summary>A published page at <paramref name="published"/> and a draft at <paramref name="drafted"/>; returns their ids.</summary>
    private static async Task<(string Published, string Draft)> PagesAsync(Browser head, string published, string drafted)
    {
        var api = new ContentApiClient(head, "/alpha");
        var live = (await api.CreateOrFailAsync(ContentApiClient.Page(published, path: published)))["ContentItemId"]!.GetValue<string>();
        await api.PublishOrFailAsync(live);
        var draft = (await api.CreateOrFailAsync(ContentApiClient.Page(char.ToUpperInvariant(drafted[0]) + drafted[1..].Replace('-', ' '), path: drafted)))["ContentItemId"]!.GetValue<string>();
        return (live, draft);
    }
}
