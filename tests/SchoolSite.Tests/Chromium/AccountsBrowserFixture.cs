using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Chromium;

/// <summary>
/// For the account journeys: a real Kestrel server with a school as shipped (people are invited by e-mail, no password
/// field), its e-mail going to an SMTP sink, and Chromium with the site's Content-Security-Policy in force, so that a
/// violation shows in the console.
/// </summary>
public sealed class AccountsBrowserFixture : IAsyncLifetime
{
    public const string School = "/accounts";
    public const string HeadEmail = "head@accounts.example";
    public const string HeadPassword = "accounts head password";

    private IPlaywright? _playwright;

    public BrowserFixture.KestrelFactory Factory { get; } = new();
    public SmtpSink Mail { get; } = new();
    public IBrowser Chromium { get; private set; } = null!;
    public string BaseUrl { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        ReviewSchoolFixture.SendMailTo(Factory, Mail);
        Factory.Extra["SchoolSite:Users:AdministratorsSetPasswords"] = "false";
        Factory.UseKestrel(0);
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = "http://localhost:" + new Uri(address).Port;
        await Factory.CreateSchoolAsync("accounts", "Oakwood Primary School", "accounts", adminPassword: HeadPassword);
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SCHOOLSITE_CHROMIUM") is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (its own cookies), with every console error about the Content-Security-Policy collected.</summary>
    public async Task<(IPage Page, List<string> CspViolations)> NewPageAsync(int width = 1280)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
        });
        // axe-core goes in through the DevTools protocol, which the page's CSP does not govern, so the CSP stays on.
        await context.AddInitScriptAsync(scriptPath: BrowserFixture.AxeScript);
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations)
                {
                    violations.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        return (page, violations);
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.CloseAsync();
        }
        _playwright?.Dispose();
        await Factory.DisposeAsync();
        await Mail.DisposeAsync();
    }
}
