using System.Net;
using System.Text.RegularExpressions;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Kernel;

/// <summary>
/// The settings page is made of each module's own section: only enabled features show theirs, each is
/// checked by its module's rules, and a mistake names the setting, keeps what was typed and saves nothing.
/// </summary>
public sealed partial class SettingsTests(SqliteSchools fixture) : IClassFixture<SqliteSchools>
{
    [Fact]
    public async Task The_settings_page_has_a_section_for_each_enabled_module_and_none_for_the_others()
    {
        await fixture.Factory.CreateSchoolAsync("sections", "Sections Primary", "sections");
        using var head = await fixture.Factory.SignedInAsync("/sections", "head@sections.example", TwoSchoolsFixture.AdminPassword);
        var page = WebUtility.HtmlDecode(await head.GetPageAsync("/sections/admin/settings"));
        foreach (var section in new[] { "School", "Public website", "Signing in", "Pictures", "Privacy check", "Review before publishing", "Policies" })
        {
            Assert.Contains($"<legend>{section}</legend>", page);
        }
        Assert.Contains("Remind staff to acknowledge a policy after this many school days (then weekly)", page);

        await head.SubmitAsync("/sections/admin/features", [new("id", "SchoolSite.Policies")], "/sections/admin/features?handler=Disable");
        page = WebUtility.HtmlDecode(await head.GetPageAsync("/sections/admin/settings"));
        Assert.DoesNotContain("<legend>Policies</legend>", page);
        Assert.DoesNotContain("Remind staff to acknowledge", page);
        Assert.Contains("<legend>Review before publishing</legend>", page);

        await head.SubmitAsync("/sections/admin/features", [new("id", "SchoolSite.Policies")], "/sections/admin/features?handler=Enable");
        Assert.Contains("<legend>Policies</legend>", WebUtility.HtmlDecode(await head.GetPageAsync("/sections/admin/settings")));
    }

    [Fact]
    public async Task A_wrong_setting_is_named_what_was_typed_is_kept_and_nothing_is_saved_until_it_is_right()
    {
        await fixture.Factory.CreateSchoolAsync("careful", "Careful Primary", "careful");
        using var head = await fixture.Factory.SignedInAsync("/careful", "head@careful.example", TwoSchoolsFixture.AdminPassword);
        var fields = Inputs(await head.GetPageAsync("/careful/admin/settings"))
            .Where(f => f.Key is not ("Input.SiteName" or "Input.Branding.PrimaryColour" or "Input.PictureCacheSeconds")).ToList();

        var wrong = await head.SubmitAsync("/careful/admin/settings",
            [.. fields, new("Input.SiteName", "Careful Academy"), new("Input.Branding.PrimaryColour", "blue"), new("Input.PictureCacheSeconds", "soon")]);
        var html = WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync());
        Assert.Contains("Use a colour such as #1d4f91.", html);
        Assert.Contains("How long other caches may keep a picture (seconds): enter a whole number.", html);
        Assert.Contains("value=\"Careful Academy\"", html);
        Assert.Contains("value=\"blue\"", html);
        Assert.DoesNotContain("Settings saved", html);
        using var visitor = new Browser(fixture.Factory);
        Assert.Contains("Careful Primary", await visitor.GetPageAsync("/careful/"));

        var right = await head.SubmitAsync("/careful/admin/settings",
            [.. fields, new("Input.SiteName", "Careful Academy"), new("Input.Branding.PrimaryColour", "#aa0000"), new("Input.PictureCacheSeconds", "30"),
             new("Input.PrivacyCheckBlocksPublishing", "true")]);
        Assert.Contains("Settings saved", await right.Content.ReadAsStringAsync());
        // Saving evicts the school's cached pages at once.
        Assert.Contains("Careful Academy", await visitor.GetPageAsync("/careful/"));
        Assert.Contains("--primary: #aa0000", await visitor.GetPageAsync("/careful/theme.css"));
        var saved = WebUtility.HtmlDecode(await head.GetPageAsync("/careful/admin/settings"));
        Assert.Matches("name=\"Input.PrivacyCheckBlocksPublishing\" value=\"true\" checked", saved);
        Assert.Contains("name=\"Input.PictureCacheSeconds\" value=\"30\"", saved);
    }

    /// <summary>The page's text and number inputs with their values, as a browser would send them back (checkboxes left unticked).</summary>
    private static List<KeyValuePair<string, string>> Inputs(string html)
        => Input().Matches(html).Where(m => !m.Value.Contains("type=\"checkbox\""))
            .Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();

    [GeneratedRegex("<input[^>]*name=\"(Input\\.[^\"]+)\"[^>]*value=\"([^\"]*)\"[^>]*>")]
    private static partial Regex Input();
}
