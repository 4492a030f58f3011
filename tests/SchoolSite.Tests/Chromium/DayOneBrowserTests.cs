using Microsoft.Playwright;

namespace SchoolSite.Tests.Chromium;

/// <summary>
/// In Chromium, through the admin only: a school made from the standard recipe a moment ago, whose administrator is its only
/// member of staff, changes its home page and publishes it alone. Every admin page on the way is checked by axe-core, for
/// sideways scrolling and for Content Security Policy reports, at a phone's width and a desktop's.
/// </summary>
public sealed class DayOneBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{

    [Theory]
    [InlineData(1280, false)]
    [InlineData(375, true)]
    public async Task A_new_schools_administrator_publishes_the_home_page_alone(int width, bool fromTheEditor)
    {
        var page = await fixture.NewPageAsync(width, strictCsp: true);
        var cspReports = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                cspReports.Add($"{page.Url} ({message.Location}): {message.Text}");
            }
        };

        await page.GotoAsync("/fresh/login");
        await page.GetByLabel("E-mail").FillAsync(BrowserFixture.HeadEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(BrowserFixture.HeadPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/fresh/admin");

        // The dashboard says what to do first, and why the administrator may publish alone for now.
        var gettingStarted = page.GetByRole(AriaRole.Region, new() { Name = "Getting started" });
        await Assertions.Expect(gettingStarted).ToContainTextAsync("Add an editor");
        await Assertions.Expect(gettingStarted).ToContainTextAsync("Add a senior leader");
        await Assertions.Expect(gettingStarted).ToContainTextAsync("Review the privacy notice");
        await Assertions.Expect(page.GetByText("Review starts once colleagues exist").First).ToBeVisibleAsync();
        await CheckAdminPageAsync(page, width, "day-one-dashboard");

        await page.GotoAsync("/fresh/admin/content");
        await CheckAdminPageAsync(page, width, "day-one-content");
        await page.GetByRole(AriaRole.Link, new() { Name = "Welcome", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByLabel("Title", new() { Exact = true })).ToHaveValueAsync("Welcome");
        await CheckAdminPageAsync(page, width, "day-one-editor");

        var words = $"Open mornings for new families are on Tuesdays ({width}).";
        await page.GetByLabel("Text", new() { Exact = true }).FillAsync(words);
        if (fromTheEditor)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Published: it is now on the school's website.");
        }
        else
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved as a draft");
            await page.GetByRole(AriaRole.Link, new() { Name = "Review and submit (it is a draft)" }).ClickAsync();
            // The review screen shows the change word by word, marked by a word as well as a colour.
            var text = page.Locator("section.field-change").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Text (changed)" }) });
            await Assertions.Expect(text.Locator("ins.added").First).ToContainTextAsync("added");
            await Assertions.Expect(text.Locator("ins.added").Last).ToContainTextAsync($"({width})");
            await Assertions.Expect(text.Locator("del.removed").First).ToContainTextAsync("removed");
            var alone = page.GetByRole(AriaRole.Region, new() { Name = "You can publish this yourself" });
            await Assertions.Expect(alone).ToContainTextAsync("review starts once colleagues exist");
            await CheckAdminPageAsync(page, width, "day-one-review");
            await alone.GetByRole(AriaRole.Button, new() { Name = "Publish now" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Published: it is now on the school's website.");
            await Assertions.Expect(page.Locator("ol.history")).ToContainTextAsync("Published without a second person");
        }
        await CheckAdminPageAsync(page, width, "day-one-published");

        var visitor = await fixture.NewPageAsync(width);
        await visitor.GotoAsync("/fresh/");
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync(words);
        Assert.True(cspReports.Count == 0, "Content Security Policy reports:\n" + string.Join("\n", cspReports));
    }

    private static async Task CheckAdminPageAsync(IPage page, int width, string name)
    {
        var violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{page.Url} at {width}px:\n" + string.Join("\n", violations));
        // Names the widest elements that stick out, so a failure says what to fix.
        var overflow = await page.EvaluateAsync<string[]>(
            "() => document.documentElement.scrollWidth <= window.innerWidth + 1 ? [] : [...document.querySelectorAll('body *')]" +
            ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-scroll'))" +
            ".slice(0, 5).map(e => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)}px)`)");
        Assert.True(overflow.Length == 0, $"{page.Url} scrolls sideways at {width}px: " + string.Join(", ", overflow));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, $"{name}-{width}.png"), FullPage = true });
    }
}
