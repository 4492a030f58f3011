using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Site;

/// <summary>
/// A theme is a folder of Liquid templates, a stylesheet and Theme.json: a trust adds one without writing
/// C#, and a school chooses it in a recipe. What the theme leaves out comes from the built-in theme, and
/// the public site's rules (what may be shown) do not depend on the theme.
/// </summary>
public sealed class ThemeFolderTests : IAsyncLifetime
{
    private readonly SchoolSiteFactory _factory = new(TestDatabase.Sqlite);

    public async Task InitializeAsync()
    {
        var themes = Path.Combine(_factory.Root, "themes");
        var chalkboard = Directory.CreateDirectory(Path.Combine(themes, "Chalkboard"));
        Directory.CreateDirectory(Path.Combine(chalkboard.FullName, "Templates"));
        Directory.CreateDirectory(Path.Combine(chalkboard.FullName, "Assets"));
        await File.WriteAllTextAsync(Path.Combine(chalkboard.FullName, "Theme.json"), """{ "displayName": "Chalkboard", "description": "Dark and chalky." }""");
        await File.WriteAllTextAsync(Path.Combine(chalkboard.FullName, "Templates", "Layout.liquid"), """
            <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>{{ Page.Title }}</title>
            <link rel="stylesheet" href="{{ Site.BasePath }}/theme.css?v={{ Site.StyleVersion }}"></head>
            <body class="chalkboard"><header><p>Chalkboard: {{ Site.Name }}</p></header><main id="main">{{ Content | raw }}</main></body></html>
            """);
        await File.WriteAllTextAsync(Path.Combine(chalkboard.FullName, "Assets", "site.css"), "body.chalkboard { background: #222; }");
        _factory.Extra["SchoolSite:ThemesPath"] = themes;
        _factory.AddRecipe("chalk-school", """
        {
          "name": "chalk-school",
          "steps": [
            { "name": "recipes", "Values": [ { "name": "school-site" } ] },
            { "name": "settings", "Theme": "Chalkboard" }
          ]
        }
        """);
        _ = _factory.Server;
        await _factory.CreateSchoolAsync("chalk", "Chalk Hill Primary", "chalk", recipe: "chalk-school");
        await _factory.CreateSchoolAsync("plain", "Plain Lane Primary", "plain");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_school_drawn_with_a_theme_folder_uses_its_layout_and_stylesheet_and_the_built_in_templates_it_leaves_out()
    {
        using var head = await _factory.SignedInAsync("/chalk", "head@chalk.example", TwoSchoolsFixture.AdminPassword);
        var api = new ContentApiClient(head, "/chalk");
        var page = await api.CreateOrFailAsync(ContentApiClient.Page("Our playground", "<p>Trees and a pond.</p>", "playground"));
        await api.PublishOrFailAsync(page["ContentItemId"]!.GetValue<string>());

        using var visitor = new Browser(_factory);
        var html = await visitor.GetPageAsync("/chalk/playground");
        Assert.Contains("<body class=\"chalkboard\">", html);
        Assert.Contains("Chalkboard: Chalk Hill Primary", html);
        // The theme has no Page template: the built-in one draws the article inside the theme's layout.
        Assert.Contains("<h1>Our playground</h1>", html);
        Assert.Contains("Trees and a pond.", html);
        Assert.Contains("body.chalkboard { background: #222; }", await visitor.GetPageAsync("/chalk/theme.css"));

        // Another school keeps the built-in theme.
        var plain = await visitor.GetPageAsync("/plain/");
        Assert.DoesNotContain("chalkboard", plain);
        Assert.Contains("class=\"skip-link\"", plain);
        Assert.DoesNotContain("chalkboard", await visitor.GetPageAsync("/plain/theme.css"));
    }

    [Fact]
    public async Task A_recipe_naming_a_theme_that_is_not_installed_is_refused_at_its_setting()
    {
        _factory.AddRecipe("no-such-theme", """
        { "name": "no-such-theme", "steps": [ { "name": "recipes", "Values": [ { "name": "school-site" } ] }, { "name": "settings", "Theme": "Neon" } ] }
        """);
        var result = await _factory.Services.GetRequiredService<SchoolSite.Core.Provisioning.TenantProvisioner>().ProvisionAsync(new()
        {
            Name = "neon", DisplayName = "Neon School", Prefix = "neon", Recipe = "no-such-theme", AdminEmail = "head@neon.example",
            AdminPassword = TwoSchoolsFixture.AdminPassword,
        });
        Assert.False(result.Succeeded);
        Assert.Contains("Step 2 (settings) at $.steps[1].Theme: There is no theme 'Neon'", result.Describe());
        using var visitor = new Browser(_factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/neon/")).StatusCode);
    }
}
