using System.Net;
using System.Xml.Linq;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Site;

/// <summary>The public site: structure, feeds, branding, and templates a school changes.</summary>
public sealed class ThemeTests(SqliteSchools fixture) : IClassFixture<SqliteSchools>
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_page_has_the_school_name_one_h1_landmarks_a_skip_link_and_a_canonical_link()
    {
        using var admin = await AdminAsync("/gamma-a");
        var api = new ContentApiClient(admin, "/gamma-a");
        var about = await api.CreateOrFailAsync(ContentApiClient.Page("About Gamma", "<h2>Our values</h2><p>Kindness.</p>", "about"));
        await api.PublishOrFailAsync(about["ContentItemId"]!.GetValue<string>());

        using var visitor = new Browser(Factory);
        var html = await visitor.GetPageAsync("/gamma-a/about");
        Assert.Contains("<title>About Gamma · Gamma A School</title>", html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<h1[ >]"));
        Assert.Contains("<a class=\"skip-link\" href=\"#main\">", html);
        foreach (var landmark in new[] { "<header", "<main id=\"main\"", "<footer", "<nav" })
        {
            Assert.Contains(landmark, html);
        }
        Assert.Contains("<link rel=\"canonical\" href=\"http://localhost/gamma-a/about\">", html);
        Assert.Contains("href=\"/gamma-a/privacy-notice\"", html);
        Assert.Contains("href=\"/gamma-a/accessibility-statement\"", html);
        var notFound = await visitor.GetAsync("/gamma-a/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Contains("<h1>Page not found</h1>", await notFound.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task News_shows_in_the_list_with_paging_the_feed_the_sitemap_and_on_the_home_page()
    {
        using var admin = await AdminAsync("/gamma-b");
        var api = new ContentApiClient(admin, "/gamma-b");
        var list = await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "NewsList", ["TitlePart"] = new { Title = "News" }, ["AutoroutePart"] = new { Path = "news" },
        });
        await api.PublishOrFailAsync(list["ContentItemId"]!.GetValue<string>());
        for (var i = 1; i <= 12; i++)
        {
            var article = await api.CreateOrFailAsync(new Dictionary<string, object>
            {
                ["ContentType"] = "NewsArticle",
                ["TitlePart"] = new { Title = $"Class news {i:00}" },
                ["NewsArticle"] = new { Summary = new { Text = $"Summary {i:00}" } },
                ["HtmlBodyPart"] = new { Html = $"<p>Story {i:00}</p>" },
            });
            await api.PublishOrFailAsync(article["ContentItemId"]!.GetValue<string>());
        }

        using var visitor = new Browser(Factory);
        var first = await visitor.GetPageAsync("/gamma-b/news");
        Assert.Contains("Class news 12", first);
        Assert.DoesNotContain("Class news 02", first);
        Assert.Contains("Page 1 of 2", first);
        var second = await visitor.GetPageAsync("/gamma-b/news?page=2");
        Assert.Contains("Class news 02", second);
        Assert.Contains("href=\"/gamma-b/news/class-news-01\"", second);
        Assert.Contains("Story 05", await visitor.GetPageAsync("/gamma-b/news/class-news-05"));

        var home = await visitor.GetPageAsync("/gamma-b/");
        Assert.Contains("Class news 12", home);
        Assert.DoesNotContain("Class news 09", home);

        var rss = XDocument.Parse(await visitor.GetPageAsync("/gamma-b/news/rss"));
        Assert.Equal(12, rss.Descendants("item").Count());
        Assert.Equal("http://localhost/gamma-b/news/class-news-12", rss.Descendants("item").First().Element("link")!.Value);

        var sitemap = XDocument.Parse(await visitor.GetPageAsync("/gamma-b/sitemap.xml"));
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var locations = sitemap.Descendants(ns + "loc").Select(l => l.Value).ToList();
        Assert.Contains("http://localhost/gamma-b/news/class-news-03", locations);
        Assert.Contains("http://localhost/gamma-b/", locations);

        var robots = await visitor.GetPageAsync("/gamma-b/robots.txt");
        Assert.Contains("Sitemap: http://localhost/gamma-b/sitemap.xml", robots);
    }

    [Fact]
    public async Task Branding_colours_come_from_the_school_settings()
    {
        using var visitor = new Browser(Factory);
        var css = await visitor.GetPageAsync("/alpha/theme.css");
        Assert.Contains("--primary: #1d4f91", css);
        Assert.Contains("--secondary: #f2b705", css);
    }

    [Fact]
    public async Task A_template_that_loops_forever_or_floods_is_stopped_and_the_site_keeps_serving()
    {
        using var admin = await AdminAsync("/gamma-c");
        var api = new ContentApiClient(admin, "/gamma-c");
        var page = await api.CreateOrFailAsync(ContentApiClient.Page("Welcome to Gamma", "<p>Hello.</p>", "welcome"));
        await api.PublishOrFailAsync(page["ContentItemId"]!.GetValue<string>());

        // A template that does not parse is refused with where the problem is.
        var broken = await admin.SubmitAsync("/gamma-c/admin/templates/Page", ("Source", "<h1>{{ Model.Title </h1>"));
        var brokenPage = WebUtility.HtmlDecode(await broken.Content.ReadAsStringAsync());
        Assert.Contains("The template does not parse", brokenPage);
        Assert.Matches(@"\(\d+:\d+\)", brokenPage);

        // An endless loop is stopped when the template is tried, and not saved.
        var endless = await admin.SubmitAsync("/gamma-c/admin/templates/Page", ("Source", "{% for i in (1..1000000000) %}{{ i }}{% endfor %}"));
        Assert.Contains("stopped when it was tried", WebUtility.HtmlDecode(await endless.Content.ReadAsStringAsync()));

        // One that only floods with real content passes the trial; on the site the limit stops it and
        // the built-in template serves the page instead.
        var flood = await admin.SubmitAsync("/gamma-c/admin/templates/Page",
            ("Source", "{% if Model %}{% for i in (1..100000000) %}flood {% endfor %}{% endif %}<h1>{{ Model.Title }}</h1>"));
        Assert.Contains("Saved.", await flood.Content.ReadAsStringAsync());
        using var visitor = new Browser(Factory);
        var served = await visitor.GetPageAsync("/gamma-c/welcome");
        Assert.Contains("<h1>Welcome to Gamma</h1>", served);
        Assert.DoesNotContain("flood", served);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/gamma-c/")).StatusCode);

        // A good template is used at once.
        var good = await admin.SubmitAsync("/gamma-c/admin/templates/Page", ("Source", "<article><h1>{{ Model.Title | upcase }}</h1>{{ Model.Html | raw }}</article>"));
        Assert.Contains("Saved.", await good.Content.ReadAsStringAsync());
        Assert.Contains("<h1>WELCOME TO GAMMA</h1>", await visitor.GetPageAsync("/gamma-c/welcome"));
        // Other schools keep the built-in template.
        Assert.DoesNotContain("WELCOME", await visitor.GetPageAsync("/alpha/"));
    }

    [Fact]
    public async Task Output_past_the_limit_stops_a_template()
    {
        var templates = new SchoolSite.Site.Services.ThemeTemplates();
        Assert.True(templates.TryParse("{% for a in (1..1000) %}{{ Big }}{% endfor %}", out var template, out _));
        var context = new Fluid.TemplateContext(templates.Options);
        context.SetValue("Big", new Fluid.Values.StringValue(new string('x', 10_000)));
        await using var writer = new SchoolSite.Site.Services.LimitedWriter(SchoolSite.Site.Services.ThemeTemplates.MaxOutputCharacters);
        await Assert.ThrowsAsync<SchoolSite.Site.Services.OutputLimitException>(
            async () => await template!.RenderAsync(writer, System.Text.Encodings.Web.HtmlEncoder.Default, context));
    }

    private async Task<Browser> AdminAsync(string pathBase)
    {
        var name = pathBase.Trim('/');
        if (Factory.Services.GetService(typeof(SchoolSite.Core.Tenancy.TenantRegistry)) is SchoolSite.Core.Tenancy.TenantRegistry registry && registry.Find(name) is null)
        {
            var display = string.Join(' ', name.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + " School";
            await Factory.CreateSchoolAsync(name, display, name);
        }
        var browser = new Browser(Factory);
        await browser.SignInOrFailAsync(pathBase, $"head@{name}.example", TwoSchoolsFixture.AdminPassword);
        return browser;
    }
}
