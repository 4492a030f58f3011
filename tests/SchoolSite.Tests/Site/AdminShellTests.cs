using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Site;

/// <summary>
/// The admin shell: navigation grouped under the headings staff use, a confirmation step before anything is taken
/// away (a school offline, a feature off, an API key revoked), a create form that shows only what its own person
/// caused, and pages that need no inline style or script (the Content-Security-Policy forbids both).
/// </summary>
public sealed partial class AdminShellTests(MarkupSchoolFixture fixture) : IClassFixture<MarkupSchoolFixture>
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task Disabling_a_school_asks_first_saying_it_takes_the_site_offline_and_only_the_second_yes_does_it()
    {
        using var trust = await TrustAsync();
        Assert.Equal(HttpStatusCode.Created, (await trust.Http.PostAsJsonAsync("/api/tenants", new
        {
            name = "oakwood", displayName = "Oakwood Primary", prefix = "oakwood", hosts = Array.Empty<string>(), recipe = "school-site",
            adminEmail = "head@oakwood.example", adminPassword = "oakwood school password",
        })).StatusCode);
        using var visitor = new Browser(Factory);

        // The list offers Disable as a link to the question, not as a button that does it.
        var list = await trust.GetPageAsync("/admin/tenants");
        Assert.Contains("href=\"/admin/tenants?handler=Disable&amp;name=oakwood\"", list);
        Assert.DoesNotContain("<form method=\"post\" action=\"/admin/tenants?handler=Disable\"", list);

        var question = WebUtility.HtmlDecode(await trust.GetPageAsync("/admin/tenants?handler=Disable&name=oakwood"));
        Assert.Contains("<h1 id=\"confirm-title\">Disable Oakwood Primary?</h1>", question);
        Assert.Contains("This takes the site offline for everyone", question);
        Assert.Contains("class=\"danger\">Disable Oakwood Primary</button>", question);
        Assert.Contains("Cancel</a>", question);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/oakwood/")).StatusCode);

        var done = WebUtility.HtmlDecode(await (await trust.SubmitAsync("/admin/tenants?handler=Disable&name=oakwood", [new("name", "oakwood")],
            "/admin/tenants?handler=Disable")).Content.ReadAsStringAsync());
        Assert.Contains("Oakwood Primary is now disabled.", done);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await visitor.GetAsync("/oakwood/")).StatusCode);

        // The create form below shows nothing nobody typed: no errors, and not the disabled school's name.
        var form = done[done.IndexOf("id=\"create\"", StringComparison.Ordinal)..];
        Assert.DoesNotContain("validation-summary-errors", form);
        Assert.DoesNotContain("field-validation-error", form);
        foreach (var field in new[] { "Input_Name", "Input_DisplayName", "Input_AdminEmail" })
        {
            Assert.Matches($"<input[^>]*id=\"{field}\"[^>]*value=\"\"", form);
        }
    }

    [Fact]
    public async Task Disabling_a_feature_and_revoking_an_api_key_ask_first_and_change_nothing_until_confirmed()
    {
        using var head = await HeadAsync();
        var features = await head.GetPageAsync("/mk/admin/features");
        Assert.Contains("href=\"/mk/admin/features?handler=Disable&amp;id=SchoolSite.Policies\"", features);
        var question = WebUtility.HtmlDecode(await head.GetPageAsync("/mk/admin/features?handler=Disable&id=SchoolSite.Policies"));
        Assert.Contains("Disable Policies?", question);
        Assert.Contains("Nothing it has stored is deleted.", question);
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync("/mk/admin/policies")).StatusCode);

        using var trust = await TrustAsync();
        var created = await (await trust.SubmitAsync("/admin/api-keys", [new("Name", "Timetable sync")], "/admin/api-keys?handler=Create")).Content.ReadAsStringAsync();
        var id = RevokeLink().Match(created).Groups[1].Value;
        var revoke = WebUtility.HtmlDecode(await trust.GetPageAsync($"/admin/api-keys?handler=Revoke&id={id}"));
        Assert.Contains("Revoke the key \"Timetable sync\"?", revoke);
        Assert.Contains("stops working at once", revoke);
        Assert.Contains("Active", await trust.GetPageAsync("/admin/api-keys"));
    }

    [Fact]
    public async Task The_navigation_is_grouped_under_the_headings_staff_use_and_marks_the_page_they_are_on()
    {
        using var head = await HeadAsync();
        var page = await head.GetPageAsync("/mk/admin/content");
        var nav = page[page.IndexOf("<nav class=\"admin-nav\"", StringComparison.Ordinal)..];
        nav = nav[..nav.IndexOf("</nav>", StringComparison.Ordinal)];
        var headings = Heading().Matches(nav).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(["Content", "Pictures and people", "Policies", "Users", "Settings", "Your account"], headings);
        Assert.Contains("<a href=\"/mk/admin/content\" aria-current=\"page\">Content</a>", nav);
        Assert.Single(Regex.Matches(nav, "aria-current"));
        // Under its heading: the consent pages with the pictures, roles with the users.
        Assert.Matches("Pictures and people</p>\\s*<ul[^>]*>(?:(?!</ul>).)*/mk/admin/consent\"", Regex.Replace(nav, "\\s+", " "));
        Assert.Contains("aria-current=\"page\">Content</a>", await head.GetPageAsync("/mk/admin/content?type=NewsArticle"));

        using var trust = await TrustAsync();
        var dashboard = await trust.GetPageAsync("/admin");
        var trustNav = dashboard[dashboard.IndexOf("<nav class=\"admin-nav\"", StringComparison.Ordinal)..];
        Assert.Equal(["Schools", "Users", "Settings", "Your account"],
            Heading().Matches(trustNav[..trustNav.IndexOf("</nav>", StringComparison.Ordinal)]).Select(m => m.Groups[1].Value).ToList());
        Assert.Contains("<a href=\"/admin\" aria-current=\"page\">Dashboard</a>", dashboard);
    }

    [Fact]
    public async Task The_consent_overview_draws_its_bars_as_meters_with_the_numbers_in_words()
    {
        using var head = await HeadAsync();
        var page = await head.GetPageAsync("/mk/admin/consent");
        Assert.Matches("<meter min=\"0\" max=\"100\" low=\"50\" high=\"90\" optimum=\"100\" value=\"\\d+\" aria-hidden=\"true\">\\d+%</meter> \\d+ of \\d+ \\(\\d+%\\)", page);
        Assert.DoesNotContain("--percent", page);
    }

    [Theory]
    [InlineData("/mk/admin")]
    [InlineData("/mk/admin/content")]
    [InlineData("/mk/admin/consent")]
    [InlineData("/mk/admin/settings")]
    [InlineData("/mk/admin/features")]
    [InlineData("/mk/admin/logo")]
    [InlineData("/admin/tenants")]
    [InlineData("/admin/api-keys")]
    [InlineData("/")]
    public async Task Admin_pages_and_the_trusts_home_page_need_no_inline_style_or_script(string path)
    {
        using var person = path.StartsWith("/mk", StringComparison.Ordinal) ? await HeadAsync() : await TrustAsync();
        var html = await person.GetPageAsync(path);
        Assert.DoesNotMatch("\\sstyle=", html);
        Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)", html);
        Assert.DoesNotMatch("\\son[a-z]+=\"", html);
        Assert.Contains("/assets/admin.css", html);
    }

    [Fact]
    public async Task The_trusts_home_page_lists_its_open_schools_in_the_admin_style()
    {
        using var visitor = new Browser(Factory);
        var home = await visitor.GetPageAsync("/");
        Assert.Contains("<link rel=\"stylesheet\" href=\"/assets/admin.css\">", home);
        Assert.Contains("<ul class=\"school-list\"><li><a href=\"/mk/\">Markup Primary</a></li>", home);
        Assert.Contains("<main id=\"main\"", home);
        Assert.Contains("href=\"/admin\"", home);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/assets/admin.css")).StatusCode);
    }

    private Task<Browser> HeadAsync() => Factory.SignedInAsync("/mk", "head@mk.example", TwoSchoolsFixture.AdminPassword);

    private Task<Browser> TrustAsync() => Factory.SignedInAsync(string.Empty, SchoolSiteFactory.TrustAdminEmail, SchoolSiteFactory.TrustAdminPassword);

    [GeneratedRegex("<p class=\"group\" id=\"[^\"]+\">([^<]+)</p>")]
    private static partial Regex Heading();

    [GeneratedRegex("handler=Revoke&amp;id=(\\d+)")]
    private static partial Regex RevokeLink();
}
