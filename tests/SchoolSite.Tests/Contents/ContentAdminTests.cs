using System.Net;
using System.Text.RegularExpressions;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Contents;

/// <summary>The admin's editor: the same rules as the API, and nothing typed is lost.</summary>
public sealed partial class ContentAdminTests(SqliteSchools fixture) : IClassFixture<SqliteSchools>
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task An_editor_creates_publishes_and_the_page_is_public()
    {
        using var admin = await Factory.AlphaHeadAsync();
        var saved = await admin.SubmitAsync("/alpha/admin/content/new/NewsArticle",
            ("TitlePart.Title", "Year 6 bake sale"), ("AutoroutePart.Path", ""), ("NewsArticle.Summary.Text", "Cakes raised money for the library."),
            ("HtmlBodyPart.Html", "<p>Thank you for every cake.</p>"), ("Revision", "0"), ("action", "publish"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var editor = await admin.GetPageAsync(saved.Headers.Location!.ToString());
        Assert.Contains("Published.", editor);

        using var visitor = new Browser(Factory);
        var page = await visitor.GetPageAsync("/alpha/news/year-6-bake-sale");
        Assert.Contains("<h1>Year 6 bake sale</h1>", page);
        Assert.Contains("Thank you for every cake.", page);
    }

    [Fact]
    public async Task A_contributor_pressing_publish_gets_403_and_keeps_what_they_typed()
    {
        using var contributor = await Factory.NewAlphaStaffAsync("Contributor");
        var response = await contributor.SubmitAsync("/alpha/admin/content/new/Page",
            ("TitlePart.Title", "Our class assembly"), ("AutoroutePart.Path", "class-assembly"), ("HtmlBodyPart.Html", "<p>We sang.</p>"),
            ("Revision", "0"), ("action", "publish"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("You may not publish this item", page);
        Assert.Contains("value=\"Our class assembly\"", page);
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/alpha/class-assembly")).StatusCode);

        // Saving the draft is allowed; the editor shows no Publish button to them.
        var draft = await contributor.SubmitAsync("/alpha/admin/content/new/Page",
            ("TitlePart.Title", "Our class assembly"), ("AutoroutePart.Path", "class-assembly"), ("HtmlBodyPart.Html", "<p>We sang.</p>"),
            ("Revision", "0"), ("action", "save"));
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        var editor = await contributor.GetPageAsync(draft.Headers.Location!.ToString());
        Assert.DoesNotContain("value=\"publish\"", editor);
        var sneaky = await contributor.SubmitAsync(draft.Headers.Location!.ToString(),
            ("TitlePart.Title", "Our class assembly"), ("AutoroutePart.Path", "class-assembly"), ("HtmlBodyPart.Html", "<p>We sang.</p>"),
            ("Revision", RevisionOf(editor)), ("action", "publish"));
        Assert.Equal(HttpStatusCode.Forbidden, sneaky.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/alpha/class-assembly")).StatusCode);
    }

    [Fact]
    public async Task A_veto_shows_its_reason_in_the_editor_and_nothing_is_published()
    {
        using var admin = await Factory.AlphaHeadAsync();
        var saved = await admin.SubmitAsync("/alpha/admin/content/new/Page",
            ("TitlePart.Title", $"Residential trip {VetoModule.Marker}"), ("AutoroutePart.Path", "residential"), ("HtmlBodyPart.Html", "<p>Photos soon.</p>"),
            ("Revision", "0"), ("action", "publish"));
        var editor = WebUtility.HtmlDecode(await admin.GetPageAsync(saved.Headers.Location!.ToString()));
        Assert.Contains("not published: " + VetoModule.Reason, editor);
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/alpha/residential")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_field_is_named_and_everything_typed_is_kept()
    {
        using var admin = await Factory.AlphaHeadAsync();
        var response = await admin.SubmitAsync("/alpha/admin/content/new/Event",
            ("TitlePart.Title", "Harvest supper"), ("AutoroutePart.Path", "Bad Path!"), ("Event.StartTime.Value", "2027-10-01T18:00"),
            ("Event.Location.Text", "School hall"), ("HtmlBodyPart.Html", "<p>Soup and bread.</p>"), ("Revision", "0"), ("action", "save"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("'bad path!' is not a usable address", page);
        Assert.Contains("value=\"Harvest supper\"", page);
        Assert.Contains("value=\"School hall\"", page);
        Assert.Contains("value=\"2027-10-01T18:00\"", page);
        Assert.Contains("Soup and bread.", page);
    }

    [Fact]
    public async Task An_earlier_version_can_be_restored_and_a_deleted_item_brought_back()
    {
        using var admin = await Factory.AlphaHeadAsync();
        var created = await admin.SubmitAsync("/alpha/admin/content/new/Page",
            ("TitlePart.Title", "PE kit"), ("AutoroutePart.Path", "pe-kit"), ("HtmlBodyPart.Html", "<p>White T-shirt.</p>"), ("Revision", "0"), ("action", "publish"));
        var url = created.Headers.Location!.ToString();
        var editor = await admin.GetPageAsync(url);
        await admin.SubmitAsync(url, ("TitlePart.Title", "PE kit"), ("AutoroutePart.Path", "pe-kit"), ("HtmlBodyPart.Html", "<p>Blue T-shirt.</p>"),
            ("Revision", RevisionOf(editor)), ("action", "publish"));
        using var visitor = new Browser(Factory);
        Assert.Contains("Blue T-shirt", await visitor.GetPageAsync("/alpha/pe-kit"));

        var versions = await admin.GetPageAsync(url + "/versions");
        var first = FirstVersion().Match(versions).Groups[1].Value;
        var restored = await admin.SubmitAsync(url + "/versions", ("versionId", first), ("revision", RevisionOf(await admin.GetPageAsync(url))));
        Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        var draft = await admin.GetPageAsync(url);
        Assert.Contains("White T-shirt", draft);
        Assert.Contains("Blue T-shirt", await visitor.GetPageAsync("/alpha/pe-kit"));

        var deleted = await admin.SubmitAsync(url + "/delete", []);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/alpha/pe-kit")).StatusCode);
        var id = url.Split('/').Last();
        var back = await admin.SubmitAsync("/alpha/admin/content?status=Deleted", [new("id", id)], "/alpha/admin/content?handler=Restore");
        Assert.Contains("is back, as a draft", WebUtility.HtmlDecode(await back.Content.ReadAsStringAsync()));
        Assert.Contains("White T-shirt", await admin.GetPageAsync(url));
    }

    private static string RevisionOf(string editor) => Regex.Match(editor, "name=\"Revision\" value=\"(\\d+)\"").Groups[1].Value;



    [GeneratedRegex("name=\"versionId\" value=\"([a-z0-9]+)\" /><input type=\"hidden\" name=\"revision\" value=\"\\d+\" /><button type=\"submit\">Restore version 1 ")]
    private static partial Regex FirstVersion();
}
