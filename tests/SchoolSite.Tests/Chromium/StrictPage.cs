using System.Text.Json;
using Microsoft.Playwright;

namespace SchoolSite.Tests.Chromium;

/// <summary>
/// A page in Chromium that keeps the site's Content-Security-Policy (unlike <see cref="BrowserFixture.NewPageAsync"/>,
/// which bypasses it to inject axe-core), so a script or style the CSP blocks shows up. Every violation and every
/// console error is kept; axe-core comes in as an init script, which the CSP does not govern.
/// </summary>
public sealed class StrictPage
{
    private readonly List<string> _problems = [];

    private StrictPage(IPage page, int width)
    {
        Page = page;
        Width = width;
        page.Console += (_, message) =>
        {
            // CSP violations are reported by the listener below (which knows the element); a browser's own request for /favicon.ico is no page's doing.
            if (message.Type == "error" && !message.Text.Contains("Content Security Policy directive", StringComparison.Ordinal)
                && !(message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal) && message.Location.Contains("/favicon.ico", StringComparison.Ordinal)))
            {
                lock (_problems)
                {
                    _problems.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_problems)
            {
                _problems.Add($"{page.Url}: script error {error}");
            }
        };
    }

    public IPage Page { get; }
    public int Width { get; private set; }

    public static async Task<StrictPage> OpenAsync(BrowserFixture fixture, int width = 1280)
    {
        var context = await fixture.Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        await context.AddInitScriptAsync(scriptPath: BrowserFixture.AxeScript);
        // Every violation, with the element it came from. (ASP.NET Core's empty validation summary used to write
        // <li style="display:none">; the admin's HTML generator no longer does, so that one is not excused either.)
        await context.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => { " +
            "console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber + " +
            "(e.target && e.target.outerHTML ? ' in ' + e.target.outerHTML.slice(0, 120) : '')); })");
        return new StrictPage(await context.NewPageAsync(), width);
    }

    public async Task SignInAsync(string school, string email, string password)
    {
        await Page.GotoAsync($"/{school}/login");
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync($"**/{school}/admin");
    }

    /// <summary>No console error and no CSP violation on any page so far.</summary>
    public void AssertNoConsoleErrors()
    {
        lock (_problems)
        {
            Assert.True(_problems.Count == 0, "The browser reported:\n" + string.Join("\n", _problems));
        }
    }

    /// <summary>The page as it is now, checked as <see cref="CheckAsync"/> does at 375 px (a phone) and at 1280 px, then back to the width it had.</summary>
    public async Task CheckAtBothWidthsAsync(string name)
    {
        var width = Width;
        foreach (var next in new[] { 375, 1280 })
        {
            await Page.SetViewportSizeAsync(next, 900);
            Width = next;
            await CheckAsync(name);
        }
        await Page.SetViewportSizeAsync(width, 900);
        Width = width;
    }

    /// <summary>
    /// The page as it is now: no serious or critical axe-core violation, nothing wider than the window, no console
    /// error or CSP violation so far; and a screenshot as artifacts/screenshots/{name}-{width}.png.
    /// </summary>
    public async Task CheckAsync(string name)
    {
        // Pictures that have not arrived yet would show as empty boxes in the screenshot (a lazy one is left to the browser).
        await Page.WaitForFunctionAsync("() => [...document.images].every(i => i.complete || i.loading === 'lazy')");
        // With a dialog open, what the person sees is the window, not the page behind it stretched to its full length.
        var dialogOpen = await Page.EvaluateAsync<bool>("() => document.querySelector('dialog[open]') !== null");
        await Page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, $"{name}-{Width}.png"), FullPage = !dialogOpen });
        var violations = await Page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)");
        Assert.True(violations.GetArrayLength() == 0, $"{name} at {Width}px:\n" + string.Join("\n", violations.EnumerateArray()));
        var overflow = await Page.EvaluateAsync<string>("() => document.documentElement.scrollWidth <= window.innerWidth + 1 ? '' : " +
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)" +
            ".slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right) + 'px').join(', ')");
        Assert.True(overflow.Length == 0, $"{name} scrolls sideways at {Width}px: {overflow}");
        AssertNoConsoleErrors();
    }
}
