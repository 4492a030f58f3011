using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SchoolSite.Core.Provisioning;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Chromium;

/// <summary>
/// A real Kestrel server with the demo school, and Debian's Chromium driven by Playwright. The test
/// command installs Chromium and axe-core; their paths come from SCHOOLSITE_CHROMIUM and SCHOOLSITE_AXE.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string HeadEmail = "head@demo.example";
    public const string HeadPassword = "demo head password";

    private IPlaywright? _playwright;

    public KestrelFactory Factory { get; } = new();
    public IBrowser Chromium { get; private set; } = null!;
    public string BaseUrl { get; private set; } = string.Empty;

    public static string AxeScript => Environment.GetEnvironmentVariable("SCHOOLSITE_AXE") is { Length: > 0 } path && File.Exists(path)
        ? path
        : throw new InvalidOperationException("SCHOOLSITE_AXE does not name axe.min.js; run the tests through ./test.sh, which installs axe-core.");

    public static string Artifacts
    {
        get
        {
            var folder = Path.Combine(SchoolSiteFactory.RepositoryRoot, "artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public async Task InitializeAsync()
    {
        Factory.UseKestrel(0);
        Factory.StartServer();
        var address = Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = "http://localhost:" + new Uri(address).Port;
        // "demo" is the demo school as shipped, with review before publishing; "plain" is the same school without it.
        var demo = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(SchoolSiteFactory.RepositoryRecipes, "demo-school.recipe.json")))!;
        var steps = demo["steps"]!.AsArray();
        steps.RemoveAt(steps.Count - 1);
        demo["name"] = "demo-plain";
        Factory.AddRecipe("demo-plain", demo.ToJsonString());
        // "fresh" is a school made from the standard recipe a moment ago: its administrator and nobody else.
        foreach (var (name, recipe) in new[] { ("demo", "demo-school"), ("plain", "demo-plain"), ("fresh", "school") })
        {
            var result = await Factory.Services.GetRequiredService<TenantProvisioner>().ProvisionAsync(new TenantRequest
            {
                Name = name, DisplayName = "Demo Primary School", Prefix = name, Recipe = recipe,
                AdminEmail = HeadEmail, AdminPassword = HeadPassword,
            });
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Describe());
            }
        }
        // A day's counts of what each school publishes, for the trust overview's chart.
        foreach (var school in Factory.Services.GetRequiredService<SchoolSite.Core.Tenancy.TenantRegistry>().Schools)
        {
            await Factory.Services.GetRequiredService<SchoolSite.Core.Jobs.SchoolJobs>().RunAsync<SchoolSite.Statutory.Services.ComplianceSnapshots>(school);
        }
        // How long an expectation waits for the page to get there (not a pause: it returns as soon as it holds). Five
        // seconds, Playwright's default, is too short on a loaded two-core machine running the whole suite.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Chromium = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SCHOOLSITE_CHROMIUM") is { Length: > 0 } chromium ? chromium : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// A fresh browser context (its own cookies) at a given width. With <paramref name="strictCsp"/> the site's Content Security
    /// Policy applies as it does for staff (use <see cref="AxeViolationsAsync"/> there, which does not inject a script tag).
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, bool strictCsp = false)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            // axe-core is injected as a script; the site's CSP rightly forbids that for anyone else.
            BypassCSP = !strictCsp,
        });
        return await context.NewPageAsync();
    }

    /// <summary>axe-core's serious and critical violations on the page as it is now, one line each; axe is evaluated through the driver, so the page's CSP stays on.</summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            await page.EvaluateAsync(await File.ReadAllTextAsync(AxeScript));
        }
        var violations = await page.EvaluateAsync<System.Text.Json.JsonElement>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
            ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
            ".map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)");
        return violations.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.CloseAsync();
        }
        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }

    public sealed class KestrelFactory() : SchoolSiteFactory(TestDatabase.Sqlite)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("urls", "http://127.0.0.1:0");
        }
    }
}
