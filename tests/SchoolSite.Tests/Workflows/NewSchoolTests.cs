using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Media;

namespace SchoolSite.Tests.Workflows;

/// <summary>A school made from the standard recipe a moment ago: one administrator, nobody else yet.</summary>
public sealed class NewSchoolFixture : IAsyncLifetime
{
    public const string School = "fresh";
    public const string Base = "/fresh";
    public const string Head = "head@fresh.example";

    public SchoolSiteFactory Factory { get; } = new(TestDatabase.Sqlite);

    public async Task InitializeAsync()
    {
        _ = Factory.Server;
        await Factory.CreateSchoolAsync(School, "Fresh Start Primary", School, recipe: "school");
    }

    public Task<Browser> HeadAsync() => Factory.SignedInAsync(Base, Head, TwoSchoolsFixture.AdminPassword);

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// A school works on day one: its only member of staff can publish what pictures and names no pupils, anything about
/// pupils still waits for two people, the dashboard says what to do first, and the site it was given has no dead links.
/// </summary>
public sealed partial class NewSchoolTests(NewSchoolFixture school) : IClassFixture<NewSchoolFixture>
{
    private const string Base = NewSchoolFixture.Base;

    [Fact]
    public async Task A_new_schools_administrator_publishes_a_page_without_pupils_alone_and_it_is_on_the_site_at_once()
    {
        using var head = await school.HeadAsync();
        var api = new ContentApiClient(head, Base);
        var page = await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "Page",
            ["TitlePart"] = new { Title = "Our values" },
            ["AutoroutePart"] = new { Path = "our-values" },
            ["HtmlBodyPart"] = new { Html = "<p>Kindness, curiosity and hard work.</p>" },
        });
        var id = page["ContentItemId"]!.GetValue<string>();

        var published = await head.Http.PostAsync($"{Base}/api/content/{id}/publish", null);
        Assert.True(published.StatusCode == HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        using var visitor = new Browser(school.Factory);
        Assert.Contains("Kindness, curiosity and hard work.", await visitor.GetPageAsync($"{Base}/our-values"));

        // The history says who published it and on what grounds.
        var state = (await head.Http.GetFromJsonAsync<JsonObject>($"{Base}/api/content/{id}/workflow"))!;
        Assert.Equal("Published", state["state"]!.GetValue<string>());
        var last = state["history"]!.AsArray().Last()!;
        Assert.Equal("publish-alone", last["transition"]!.GetValue<string>());
        Assert.Contains("only member of staff", last["comment"]!.GetValue<string>());
    }

    [Fact]
    public async Task In_a_new_school_a_page_picturing_a_pupil_or_naming_one_still_needs_two_people()
    {
        using var head = await school.HeadAsync();
        var pupil = await Register.PupilAsync(head, Base, "Noah", "Patel");
        await Register.ConsentAsync(head, Base, pupil, "website", "Granted");
        var url = await MediaUploads.PictureOfAsync(head, Base, TestImages.Jpeg(200, 150), "Noah at the book fair", pupil);
        var api = new ContentApiClient(head, Base);
        var pictured = (await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "Page",
            ["TitlePart"] = new { Title = "Book fair" },
            ["AutoroutePart"] = new { Path = "book-fair" },
            ["HtmlBodyPart"] = new { Html = "<p>The book fair was a great success.</p>" },
            ["Page"] = new Dictionary<string, object> { ["Pictures"] = new { MediaIds = new[] { Register.IdOf(url) } } },
        }))["ContentItemId"]!.GetValue<string>();
        var named = (await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "NewsArticle",
            ["TitlePart"] = new { Title = "Reading prize" },
            ["HtmlBodyPart"] = new { Html = "<p>Well done to Noah Patel in 4B, who read forty books this term.</p>" },
        }))["ContentItemId"]!.GetValue<string>();

        foreach (var (id, why) in new[] { (pictured, "it has pictures of pupils"), (named, "it names a pupil from the register") })
        {
            var refused = await head.Http.PostAsync($"{Base}/api/content/{id}/publish", null);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var text = await refused.Content.ReadAsStringAsync();
            Assert.Contains("Not published", text);
            Assert.Contains(why, text);
            // The review screen offers no way round it, and the refusal says what to do.
            var screen = WebUtility.HtmlDecode(await head.GetPageAsync($"{Base}/admin/content/{id}/review"));
            Assert.DoesNotContain("Publish now", screen);
            var forged = await head.SubmitAsync($"{Base}/admin/content/{id}/review", Array.Empty<KeyValuePair<string, string>>(), $"{Base}/admin/content/{id}/review?handler=PublishAlone");
            Assert.Contains("two people must look at it", WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync()));
        }
        using var visitor = new Browser(school.Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"{Base}/book-fair")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"{Base}/api/content/{named}")).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_lists_the_first_steps_and_every_admin_page_says_review_starts_once_colleagues_exist()
    {
        using var head = await school.HeadAsync();
        var dashboard = WebUtility.HtmlDecode(await head.GetPageAsync($"{Base}/admin"));
        Assert.Contains("Getting started", dashboard);
        foreach (var step in new[] { "Add an editor", "Add a senior leader", "Set the school's contact details", "Upload a logo", "Review the privacy notice" })
        {
            Assert.Matches($"To do:</span>\\s*<a href=\"[^\"]+\">{Regex.Escape(step)}</a>", dashboard);
        }
        Assert.Contains("Review starts once colleagues exist", await head.GetPageAsync($"{Base}/admin/content"));
    }

    [Fact]
    public async Task A_new_schools_site_has_no_internal_link_that_answers_404()
    {
        using var visitor = new Browser(school.Factory);
        var seen = new HashSet<string>(StringComparer.Ordinal) { Base + "/" };
        var queue = new Queue<string>(seen);
        var broken = new List<string>();
        var pages = new List<string>();
        while (queue.TryDequeue(out var url) && seen.Count < 300)
        {
            var response = await visitor.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                broken.Add(url);
                continue;
            }
            pages.Add(url);
            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }
            foreach (Match link in Link().Matches(await response.Content.ReadAsStringAsync()))
            {
                var target = WebUtility.HtmlDecode(link.Groups[1].Value).Split('#')[0];
                if (target.StartsWith(Base + "/", StringComparison.Ordinal) || target == Base)
                {
                    if (seen.Add(target))
                    {
                        queue.Enqueue(target);
                    }
                }
            }
        }
        Assert.True(broken.Count == 0, "Links that answer 404: " + string.Join(", ", broken));
        // The recipe's pages are all reached from the home page.
        foreach (var path in new[] { "/news", "/events", "/contact", "/privacy-notice", "/accessibility-statement", "/policies" })
        {
            Assert.Contains(Base + path, pages);
        }
        var contact = await visitor.GetPageAsync($"{Base}/contact");
        Assert.Contains("Contact us", contact);
    }

    [Fact]
    public async Task Partial_recipes_are_not_offered_to_the_trust_for_a_new_school()
    {
        using var trust = await school.Factory.SignedInAsync(string.Empty, SchoolSiteFactory.TrustAdminEmail, SchoolSiteFactory.TrustAdminPassword);
        var offered = (await trust.Http.GetFromJsonAsync<JsonArray>("/api/recipes"))!.Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("school", offered);
        Assert.DoesNotContain("school-site", offered);
        Assert.DoesNotContain("school-review", offered);
        Assert.DoesNotContain("trust", offered);

        var create = await trust.GetPageAsync("/admin/tenants");
        Assert.Matches("<option[^>]*>school</option>", create);
        Assert.DoesNotContain("value=\"school-site\"", create);
        Assert.DoesNotContain("value=\"school-review\"", create);

        var listed = await Cli.RunAsync(school.Factory, "recipes", "list");
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains("school: Standard school site", listed.Output);
        Assert.DoesNotContain("school-site:", listed.Output);
        Assert.DoesNotContain("school-review:", listed.Output);
    }

    [GeneratedRegex("(?:href|src)=\"([^\"]+)\"")]
    private static partial Regex Link();
}
