using System.Text.Json;
using Microsoft.Playwright;

namespace SchoolSite.Tests.Chromium;

/// <summary>In Chromium: an editor's day, and the public pages checked by axe-core at two widths.</summary>
public sealed class PublicSiteBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_editor_signs_in_writes_a_news_article_publishes_it_and_it_is_on_the_public_site()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/demo/login");
        await page.GetByLabel("E-mail").FillAsync(BrowserFixture.HeadEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(BrowserFixture.HeadPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/demo/admin");

        await page.GotoAsync("/demo/admin/content/new/NewsArticle");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Choir sings at the town hall");
        await page.GetByLabel("Summary", new() { Exact = true }).FillAsync("Year 5 and Year 6 sang for the mayor.");
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync("<p>Our choir sang three songs at the town hall on Friday.</p>");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "admin-editor-1280.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Published.");

        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync("/demo/news");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Choir sings at the town hall" }).ClickAsync();
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Choir sings at the town hall");
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("Our choir sang three songs");
    }

    [Theory]
    [InlineData("/demo/", "home")]
    [InlineData("/demo/news/science-week-visitors", "news-article")]
    [InlineData("/demo/about", "page")]
    [InlineData("/demo/news", "news-list")]
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
