using System.Text.Json;
using Microsoft.Playwright;

namespace SchoolSite.Tests.Chromium;

/// <summary>In Chromium: an article through review to the public site, and the public pages checked by axe-core at two widths.</summary>
public sealed class PublicSiteBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_contributor_submits_an_editor_checks_a_senior_leader_signs_off_and_the_article_is_public()
    {
        var head = await SignInAsync(BrowserFixture.HeadEmail, BrowserFixture.HeadPassword);
        foreach (var (name, email, role) in new[] { ("Cara Contributor", "cara@demo.example", "Contributor"), ("Eddie Editor", "eddie@demo.example", "Editor"),
            ("Lena Leader", "lena@demo.example", "Senior leader") })
        {
            await head.GotoAsync("/demo/admin/users/create");
            await head.GetByLabel("Name").FillAsync(name);
            await head.GetByLabel("E-mail").FillAsync(email);
            await head.GetByLabel("Password (leave empty").FillAsync(StaffPassword);
            await head.GetByLabel(role, new() { Exact = true }).CheckAsync();
            await head.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
            await Assertions.Expect(head.GetByRole(AriaRole.Status)).ToContainTextAsync("can now sign in");
        }

        var contributor = await SignInAsync("cara@demo.example", StaffPassword);
        await contributor.GotoAsync("/demo/admin/content/new/NewsArticle");
        await contributor.GetByLabel("Title", new() { Exact = true }).FillAsync("Choir sings at the town hall");
        await contributor.GetByLabel("Summary", new() { Exact = true }).FillAsync("Year 5 and Year 6 sang for the mayor.");
        await contributor.GetByRole(AriaRole.Textbox, new() { Name = "Text", Exact = true }).FillAsync("Our choir sang three songs at the town hall on Friday.");
        await contributor.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await contributor.GetByRole(AriaRole.Link, new() { Name = "Review and submit (it is a draft)" }).ClickAsync();
        await contributor.GetByRole(AriaRole.Button, new() { Name = "Submit for checking" }).ClickAsync();
        await Assertions.Expect(contributor.GetByRole(AriaRole.Status)).ToContainTextAsync("Submitted for checking");

        var editor = await SignInAsync("eddie@demo.example", StaffPassword);
        await editor.GotoAsync("/demo/admin/tasks");
        await editor.GetByRole(AriaRole.Link, new() { Name = "Choir sings at the town hall" }).First.ClickAsync();
        await editor.GetByRole(AriaRole.Button, new() { Name = "Checked: send for sign-off" }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToContainTextAsync("waits for a senior leader");

        var leader = await SignInAsync("lena@demo.example", StaffPassword);
        await leader.GotoAsync("/demo/admin/tasks");
        await leader.GetByRole(AriaRole.Link, new() { Name = "Choir sings at the town hall" }).First.ClickAsync();
        await leader.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "review-1280.png"), FullPage = true });
        await leader.GetByRole(AriaRole.Button, new() { Name = "Sign off" }).ClickAsync();
        // The sign-off publishes at once: nobody has to come back and press Publish.
        await Assertions.Expect(leader.GetByRole(AriaRole.Status)).ToContainTextAsync("Signed off and published: it is now on the school's website.");

        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync("/demo/news");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Choir sings at the town hall" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Choir sings at the town hall");
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("Our choir sang three songs");
    }

    private const string StaffPassword = "demo staff password";

    private async Task<IPage> SignInAsync(string email, string password)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/demo/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/demo/admin");
        return page;
    }

    [Theory]
    [InlineData("/demo/", "home")]
    [InlineData("/demo/news/science-week-visitors", "news-article")]
    [InlineData("/demo/about", "page")]
    [InlineData("/demo/news", "news-list")]
    [InlineData("/fresh/key-information", "key-information")]
    public async Task Public_pages_have_no_serious_or_critical_accessibility_violations_at_both_widths(string path, string name)
    {
        foreach (var width in new[] { 375, 1280 })
        {
            var page = await fixture.NewPageAsync(width);
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await page.AddScriptTagAsync(new() { Path = BrowserFixture.AxeScript });
            var violations = await page.EvaluateAsync<JsonElement>(
                "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
                ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
                ".map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)");
            Assert.True(violations.GetArrayLength() == 0, $"{path} at {width}px:\n" + string.Join("\n", violations.EnumerateArray()));

            // Readable at this width: nothing wider than the window.
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{path} scrolls sideways at {width}px.");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, $"{name}-{width}.png"), FullPage = true });
        }
    }
}
