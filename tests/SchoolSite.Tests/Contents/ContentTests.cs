using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Models;
using SchoolSite.Core.Provisioning;
using SchoolSite.Core.Tenancy;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Contents;

/// <summary>Drafts, versions, addresses, sanitising, caching and the one publish path, on each engine.</summary>
public abstract class ContentTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_draft_is_never_public_and_previewing_it_needs_the_permission()
    {
        using var admin = await Factory.AlphaHeadAsync();
        var api = new ContentApiClient(admin, "/alpha");
        var draft = await api.CreateOrFailAsync(ContentApiClient.Page("Secret plans for the fair", "<p>Not yet</p>", "fair-plans"));
        var id = draft["ContentItemId"]!.GetValue<string>();

        using var visitor = new Browser(Factory);
        var page = await visitor.GetAsync("/alpha/fair-plans");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.DoesNotContain("Secret plans", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/alpha/api/content/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.GetAsync($"/alpha/api/content/{id}?version=latest")).StatusCode);
        Assert.DoesNotContain("Secret plans", await (await visitor.GetAsync("/alpha/sitemap.xml")).Content.ReadAsStringAsync());
        var anonymousPreview = await visitor.GetAsync($"/alpha/preview/{id}");
        Assert.Equal(HttpStatusCode.Redirect, anonymousPreview.StatusCode);

        // A member of staff without PreviewContent may not preview.
        using var staff = await Factory.NewAlphaStaffAsync("Staff");
        var staffPreview = await staff.GetAsync($"/alpha/preview/{id}");
        Assert.Equal(HttpStatusCode.Redirect, staffPreview.StatusCode);
        Assert.Equal("/alpha/access-denied", staffPreview.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/alpha/api/content/{id}?version=latest")).StatusCode);

        // The admin sees it exactly as the public page will look.
        var preview = await admin.GetPageAsync($"/alpha/preview/{id}");
        Assert.Contains("<h1>Secret plans for the fair</h1>", preview);
        Assert.Contains("<nav", preview);

        await api.PublishOrFailAsync(id);
        Assert.Contains("Secret plans for the fair", await visitor.GetPageAsync("/alpha/fair-plans"));
        var publicJson = System.Text.Json.Nodes.JsonNode.Parse(await visitor.GetPageAsync($"/alpha/api/content/{id}"))!.AsObject();
        Assert.Equal("Secret plans for the fair", publicJson["DisplayText"]!.GetValue<string>());
        Assert.False(publicJson.ContainsKey("Owner") || publicJson.ContainsKey("Author"), "Anonymous callers must not learn who on the staff wrote it.");
    }

    [Fact]
    public async Task Rich_text_loses_scripts_handlers_javascript_links_frames_and_hiding_styles_and_keeps_the_rest()
    {
        using var admin = await Factory.AlphaHeadAsync();
        var api = new ContentApiClient(admin, "/alpha");
        const string html = """
            <h2>Clubs</h2><script>alert('x')</script><p onclick="steal()">Chess <strong>club</strong></p>
            <img src="/media/chess.png" alt="Chess board" onerror="alert(1)">
            <a href="javascript:alert(1)">bad link</a> <a href="https://chess.example/">good link</a>
            <iframe src="https://evil.example/"></iframe><p style="display:none">hidden text</p>
            <table><tr><th>Day</th><td>Monday</td></tr></table><ul><li>Year 3</li></ul>
            """;
        var created = await api.CreateOrFailAsync(ContentApiClient.Page("Clubs list", html));
        var stored = created["HtmlBodyPart"]!["Html"]!.GetValue<string>();

        foreach (var gone in new[] { "<script", "alert(", "onclick", "onerror", "javascript:", "<iframe", "style=" })
        {
            Assert.DoesNotContain(gone, stored, StringComparison.OrdinalIgnoreCase);
        }
        foreach (var kept in new[] { "<h2>Clubs</h2>", "<strong>club</strong>", "src=\"/media/chess.png\"", "alt=\"Chess board\"",
                     "href=\"https://chess.example/\"", "<table>", "<td>Monday</td>", "<li>Year 3</li>" })
        {
            Assert.Contains(kept, stored);
        }
    }

    [Fact]
    public async Task Addresses_are_unique_and_an_old_address_answers_301_after_a_change()
    {
        using var admin = await Factory.AlphaHeadAsync();
        var api = new ContentApiClient(admin, "/alpha");
        var clubs = await api.CreateOrFailAsync(ContentApiClient.Page("Clubs", path: "clubs"));
        var id = clubs["ContentItemId"]!.GetValue<string>();
        var published = await api.PublishOrFailAsync(id);

        var clash = await api.CreateAsync(ContentApiClient.Page("More clubs", path: "clubs"));
        Assert.Equal(HttpStatusCode.BadRequest, clash.StatusCode);
        var problem = await ContentApiClient.ProblemAsync(clash);
        Assert.Contains("/clubs is already used", problem.GetProperty("errors").GetProperty("AutoroutePart.Path")[0].GetString());

        // Another school may use the same address.
        using var beta = await Factory.SignedInAsync("/beta", TwoSchoolsFixture.BetaAdmin, TwoSchoolsFixture.AdminPassword);
        await new ContentApiClient(beta, "/beta").CreateOrFailAsync(ContentApiClient.Page("Clubs", path: "clubs"));

        var moved = await api.UpdateAsync(id, new Dictionary<string, object>
        {
            ["Revision"] = published["Revision"]!.GetValue<int>(),
            ["AutoroutePart"] = new { Path = "after-school-clubs" },
        });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await api.PublishOrFailAsync(id);

        using var visitor = new Browser(Factory);
        var old = await visitor.GetAsync("/alpha/clubs?from=letter");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/alpha/after-school-clubs?from=letter", old.Headers.Location!.ToString());
        Assert.Contains("<h1>Clubs</h1>", await visitor.GetPageAsync("/alpha/after-school-clubs"));
    }

    [Fact]
    public async Task Two_edits_from_the_same_revision_the_second_gets_409_and_the_first_is_kept()
    {
        using var admin = await Factory.AlphaHeadAsync();
        var api = new ContentApiClient(admin, "/alpha");
        var item = await api.CreateOrFailAsync(ContentApiClient.Page("Uniform", "<p>Navy jumpers.</p>"));
        var id = item["ContentItemId"]!.GetValue<string>();
        var revision = item["Revision"]!.GetValue<int>();

        var first = await api.UpdateAsync(id, new Dictionary<string, object> { ["Revision"] = revision, ["HtmlBodyPart"] = new { Html = "<p>Navy jumpers and grey trousers.</p>" } });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await api.UpdateAsync(id, new Dictionary<string, object> { ["Revision"] = revision, ["HtmlBodyPart"] = new { Html = "<p>Red jumpers.</p>" } });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var problem = await ContentApiClient.ProblemAsync(second);
        Assert.Contains("Your changes were not saved", problem.GetProperty("detail").GetString());

        var latest = JsonNode.Parse(await (await api.GetAsync(id, "latest")).Content.ReadAsStringAsync())!;
        Assert.Equal("<p>Navy jumpers and grey trousers.</p>", latest["HtmlBodyPart"]!["Html"]!.GetValue<string>());

        // Also when the item is published (a new draft version is being made from it).
        await api.PublishOrFailAsync(id);
        var current = JsonNode.Parse(await (await api.GetAsync(id, "latest")).Content.ReadAsStringAsync())!["Revision"]!.GetValue<int>();
        var a = api.UpdateAsync(id, new Dictionary<string, object> { ["Revision"] = current, ["HtmlBodyPart"] = new { Html = "<p>A</p>" } });
        var b = api.UpdateAsync(id, new Dictionary<string, object> { ["Revision"] = current, ["HtmlBodyPart"] = new { Html = "<p>B</p>" } });
        var results = await Task.WhenAll(a, b);
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(2, await VersionCountAsync(id));
    }

    [Fact]
    public async Task A_contributor_can_draft_but_not_publish()
    {
        using var contributor = await Factory.NewAlphaStaffAsync("Contributor");
        var api = new ContentApiClient(contributor, "/alpha");
        var draft = await api.CreateOrFailAsync(ContentApiClient.Page("Year 2 trip", "<p>We went to the farm.</p>"));
        var id = draft["ContentItemId"]!.GetValue<string>();

        var publish = await api.PublishAsync(id);
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Contains("may not publish", (await ContentApiClient.ProblemAsync(publish)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(id, "published")).StatusCode);

        // Nor edit someone else's item.
        using var admin = await Factory.AlphaHeadAsync();
        var others = await new ContentApiClient(admin, "/alpha").CreateOrFailAsync(ContentApiClient.Page("Head's letter"));
        var edit = await api.UpdateAsync(others["ContentItemId"]!.GetValue<string>(),
            new Dictionary<string, object> { ["Revision"] = 1, ["TitlePart"] = new { Title = "Changed" } });
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
    }

    [Fact]
    public async Task A_publishing_veto_stops_the_api_and_recipes_with_its_reason()
    {
        using var admin = await Factory.AlphaHeadAsync();
        var api = new ContentApiClient(admin, "/alpha");
        var held = await api.CreateOrFailAsync(ContentApiClient.Page($"Trip photos {VetoModule.Marker}", path: "trip-photos"));
        var refused = await api.PublishAsync(held["ContentItemId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(VetoModule.Reason, (await ContentApiClient.ProblemAsync(refused)).GetProperty("errors").GetProperty("publish")[0].GetString());
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/alpha/trip-photos")).StatusCode);

        // The same veto applies when a recipe publishes: the new school is not made.
        Factory.AddRecipe("held-content", $$"""
        {
          "name": "held-content",
          "steps": [
            { "name": "recipes", "Values": [ { "name": "school-site" } ] },
            { "name": "content", "data": [ { "ContentType": "Page", "Published": true, "TitlePart": { "Title": "Welcome {{VetoModule.Marker}}" } } ] }
          ]
        }
        """);
        var result = await Factory.Services.GetRequiredService<TenantProvisioner>().ProvisionAsync(new TenantRequest
        {
            Name = "held", DisplayName = "Held School", Prefix = "held", Recipe = "held-content",
            AdminEmail = "head@held.example", AdminPassword = TwoSchoolsFixture.AdminPassword,
        });
        Assert.Equal(ProvisioningOutcome.RecipeFailed, result.Outcome);
        Assert.Equal("Step 2 (content) at $.steps[1].data[0]: publishing was refused: " + VetoModule.Reason, result.RecipeErrors.Single().ToString());
    }

    [Fact]
    public async Task Publishing_shows_on_the_next_request_while_unrelated_pages_stay_cached()
    {
        using var admin = await Factory.AlphaHeadAsync();
        var api = new ContentApiClient(admin, "/alpha");
        var lunch = await api.CreateOrFailAsync(ContentApiClient.Page("Lunch menu", "<p>Fish on Friday.</p>", "lunch"));
        var lunchId = lunch["ContentItemId"]!.GetValue<string>();
        await api.PublishOrFailAsync(lunchId);
        var term = await api.CreateOrFailAsync(ContentApiClient.Page("Term dates", "<p>Term starts in September.</p>", "term-dates"));
        var termId = term["ContentItemId"]!.GetValue<string>();
        await api.PublishOrFailAsync(termId);

        using var visitor = new Browser(Factory);
        Assert.Contains("Fish on Friday", await visitor.GetPageAsync("/alpha/lunch"));
        Assert.Contains("Term starts in September", await visitor.GetPageAsync("/alpha/term-dates"));

        // Change term dates behind the site's back (no content event): a cached page keeps its old text.
        await RewriteBodyAsync(termId, "<p>Changed without telling anyone.</p>");
        Assert.Contains("Term starts in September", await visitor.GetPageAsync("/alpha/term-dates"));

        // Publish a new lunch menu the proper way: the next request shows it.
        var revision = JsonNode.Parse(await (await api.GetAsync(lunchId, "latest")).Content.ReadAsStringAsync())!["Revision"]!.GetValue<int>();
        Assert.Equal(HttpStatusCode.OK, (await api.UpdateAsync(lunchId, new Dictionary<string, object>
        {
            ["Revision"] = revision, ["HtmlBodyPart"] = new { Html = "<p>Pasta on Friday.</p>" },
        })).StatusCode);
        Assert.Contains("Fish on Friday", await visitor.GetPageAsync("/alpha/lunch"));
        await api.PublishOrFailAsync(lunchId);
        var after = await visitor.GetPageAsync("/alpha/lunch");
        Assert.Contains("Pasta on Friday", after);
        Assert.DoesNotContain("Fish on Friday", after);

        // The unrelated page was not evicted.
        Assert.Contains("Term starts in September", await visitor.GetPageAsync("/alpha/term-dates"));
    }

    private async Task RewriteBodyAsync(string contentItemId, string html)
    {
        using var scope = Factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(Factory.Services.GetRequiredService<TenantRegistry>().Find("alpha")!, null);
        var db = scope.ServiceProvider.GetRequiredService<ContentsDbContext>();
        var item = await db.ContentItems.SingleAsync(i => i.ContentItemId == contentItemId && i.Published);
        item.Content["HtmlBodyPart"] = new JsonObject { ["Html"] = html };
        item.Flush();
        await db.SaveChangesAsync();
    }

    private async Task<int> VersionCountAsync(string contentItemId)
    {
        using var scope = Factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(Factory.Services.GetRequiredService<TenantRegistry>().Find("alpha")!, null);
        return await scope.ServiceProvider.GetRequiredService<ContentsDbContext>().ContentItems.CountAsync(i => i.ContentItemId == contentItemId);
    }


}

public sealed class ContentOnSqlite(SqliteSchools fixture) : ContentTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class ContentOnPostgreSql(PostgreSqlSchools fixture) : ContentTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
