using System.Text.Json;
using Microsoft.Playwright;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Chromium;

/// <summary>
/// In Chromium, under the site's real Content-Security-Policy (no bypass): the admin pages and the trust's home page at
/// 375 and 1280 px — nothing scrolls sideways, the console reports no CSP violation, axe-core finds nothing serious or
/// critical — the grouped menu works by keyboard on a phone, and disabling a school asks first.
/// </summary>
public sealed class AdminBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string, bool> Pages => new()
    {
        { "/demo/admin", "admin-dashboard", false },
        { "/demo/admin/content", "admin-content-list", false },
        { "/demo/admin/consent", "admin-consent-overview", false },
        { "/demo/admin/settings", "admin-settings", false },
        { "/demo/admin/features", "admin-features", false },
        { "/demo/admin/logo", "admin-logo", false },
        { "/demo/admin/media", "admin-media", false },
        { "/demo/admin/people", "admin-people", false },
        { "/demo/admin/takedown", "admin-takedown", false },
        { "/demo/admin/policies", "admin-policies", false },
        { "/demo/admin/users", "admin-users", false },
        { "/demo/admin/tasks", "admin-tasks", false },
        { "/demo/admin/statutory", "admin-statutory-checklist", false },
        { "/admin", "trust-dashboard", true },
        { "/admin/tenants", "trust-school-sites", true },
        { "/admin/tenants?handler=Disable&name=plain", "trust-disable-confirmation", true },
        { "/admin/api-keys", "trust-api-keys", true },
        { "/admin/statutory-overview", "trust-statutory-overview", true },
        { "/", "trust-home", true },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Admin_pages_fit_a_phone_and_a_desktop_with_no_csp_violation_or_serious_accessibility_problem(string path, string name, bool trust)
    {
        foreach (var width in new[] { 375, 1280 })
        {
            var (page, problems) = await StrictPageAsync(width);
            await SignInAsync(page, trust);
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response!.Status);
            await page.WaitForLoadStateAsync(LoadState.Load);

            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow}px at {width}px.");
            var violations = await page.EvaluateAsync<JsonElement>(
                "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
                ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
                ".map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)");
            Assert.True(violations.GetArrayLength() == 0, $"{path} at {width}px:\n" + string.Join("\n", violations.EnumerateArray()));
            problems.AddRange(await page.EvaluateAsync<string[]>("() => window.__cspViolations"));
            Assert.True(problems.Count == 0, $"{path} at {width}px reported:\n" + string.Join("\n", problems));
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, $"{name}-{width}.png"), FullPage = true });
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task On_a_phone_the_grouped_menu_opens_from_the_keyboard_and_on_a_desktop_it_is_a_side_bar_without_rows()
    {
        var (phone, _) = await StrictPageAsync(375);
        await SignInAsync(phone, trust: false);
        await phone.GotoAsync("/demo/admin/content");
        var menu = phone.Locator("details.menu-narrow > summary");
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Consent", Exact = true })).ToBeHiddenAsync();
        for (var i = 0; i < 15 && !await menu.EvaluateAsync<bool>("s => s === document.activeElement"); i++)
        {
            await phone.Keyboard.PressAsync("Tab");
        }
        Assert.True(await menu.EvaluateAsync<bool>("s => s === document.activeElement"), "Tab never reached the Menu button.");
        await phone.Keyboard.PressAsync("Enter");
        var consent = phone.GetByRole(AriaRole.Link, new() { Name = "Consent", Exact = true });
        await Assertions.Expect(consent).ToBeVisibleAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Content", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await phone.Keyboard.PressAsync("Tab");
        Assert.Equal("Dashboard", await phone.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await phone.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "admin-menu-open-375.png"), FullPage = true });
        await consent.ClickAsync();
        await phone.WaitForURLAsync("**/demo/admin/consent");

        var (desktop, _) = await StrictPageAsync(1280);
        await SignInAsync(desktop, trust: false);
        await desktop.GotoAsync("/demo/admin/content");
        await Assertions.Expect(desktop.Locator("details.menu-narrow")).ToBeHiddenAsync();
        var side = desktop.Locator(".menu-wide nav.admin-nav");
        await Assertions.Expect(side).ToBeVisibleAsync();
        // Every entry of the side bar is one line, one under the other: no rows of links wrapping across the page.
        var tops = await side.Locator("a").EvaluateAllAsync<double[]>("links => links.map(a => a.getBoundingClientRect().top)");
        Assert.True(tops.Length >= 12, $"Only {tops.Length} menu entries.");
        Assert.Equal(tops.Order(), tops);
        Assert.Equal(tops.Length, tops.Distinct().Count());
        var header = await desktop.Locator("header.admin").BoundingBoxAsync();
        Assert.True(header!.Height < 64, $"The header is {header.Height}px tall: it wraps.");
    }

    [Fact]
    public async Task Disabling_a_school_takes_a_second_yes_that_says_what_it_does()
    {
        var (page, problems) = await StrictPageAsync(375);
        await SignInAsync(page, trust: true);
        await page.GotoAsync("/admin/tenants");
        await page.GetByRole(AriaRole.Link, new() { Name = "Disable Demo Primary School" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Disable Demo Primary School?");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("This takes the site offline for everyone");
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Disable Demo Primary School" });
        Assert.Equal("rgb(179, 38, 30)", await button.EvaluateAsync<string>("b => getComputedStyle(b).backgroundColor"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("School sites");
        await Assertions.Expect(page.GetByRole(AriaRole.Table)).Not.ToContainTextAsync("Disabled");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_csp_check_sees_an_inline_style_and_script_when_a_page_has_them()
    {
        // A check that cannot fail proves nothing: a page with the site's own policy and one inline style and script is caught.
        var (page, problems) = await StrictPageAsync(375);
        var site = await page.APIRequest.GetAsync("/");
        await page.RouteAsync("**/csp-probe", route => route.FulfillAsync(new()
        {
            Status = 200, ContentType = "text/html",
            Headers = new Dictionary<string, string> { ["Content-Security-Policy"] = site.Headers["content-security-policy"] },
            Body = "<!DOCTYPE html><html lang=\"en\"><head><title>Probe</title></head><body><main><h1 style=\"color: red\">Probe</h1><script>1</script></main></body></html>",
        }));
        await page.GotoAsync("/csp-probe");
        var seen = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        Assert.Contains(seen, v => v.StartsWith("style-src", StringComparison.Ordinal));
        Assert.Contains(seen, v => v.StartsWith("script-src", StringComparison.Ordinal));
        Assert.Equal(2, problems.Count);
    }

    /// <summary>
    /// A page under the site's own Content-Security-Policy (the fixture's pages bypass it, to inject axe-core as a script
    /// tag). Here axe-core arrives as an init script, which the policy does not govern, and every CSP violation is recorded.
    /// </summary>
    private async Task<(IPage Page, List<string> Problems)> StrictPageAsync(int width)
    {
        var context = await fixture.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        await context.AddInitScriptAsync(
            "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));");
        await context.AddInitScriptAsync(scriptPath: BrowserFixture.AxeScript);
        // The build machine is shared (load far above its two cores): a sign-in can take longer than Playwright's 30 s default.
        context.SetDefaultTimeout(90_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) || message.Text.Contains("Refused to", StringComparison.Ordinal)))
            {
                lock (problems)
                {
                    problems.Add(message.Text);
                }
            }
        };
        return (page, problems);
    }

    private static async Task SignInAsync(IPage page, bool trust)
    {
        var at = trust ? string.Empty : "/demo";
        await page.GotoAsync($"{at}/login");
        await page.GetByLabel("E-mail").FillAsync(trust ? SchoolSiteFactory.TrustAdminEmail : BrowserFixture.HeadEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(trust ? SchoolSiteFactory.TrustAdminPassword : BrowserFixture.HeadPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync($"**{at}/admin");
    }
}
