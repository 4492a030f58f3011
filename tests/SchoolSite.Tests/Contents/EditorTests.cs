using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SchoolSite.Contents.Services;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Contents;

/// <summary>
/// What the content editor's scripts send the server, and what the server makes of it: rich text kept through the
/// sanitiser, pictures in the order chosen, the menu as entries, and delete and unpublish only after asking.
/// </summary>
public sealed partial class EditorTests(SqliteSchools fixture) : IClassFixture<SqliteSchools>
{
    private SchoolSiteFactory Factory => fixture.Factory;

    /// <summary>What Tiptap writes for each thing on the toolbar (tables as the editor configures them: no widths, no styles).</summary>
    private const string EditorOutput =
        "<h2>Our trip</h2><h3>The farm</h3><p>Year 5 saw <strong>cows</strong> and <em>sheep</em>.</p>" +
        "<ul><li><p>Wellies</p></li><li><p>Packed lunch</p></li></ul><ol><li><p>Coach at 9</p></li></ol>" +
        "<blockquote><p>Best day ever!</p></blockquote>" +
        "<p>See <a href=\"/alpha/about\">about us</a>, <a href=\"https://www.gov.uk/school-travel\">GOV.UK</a> or <a href=\"mailto:office@alpha.example\">e-mail us</a>.</p>" +
        "<table><tbody><tr><th colspan=\"1\" rowspan=\"1\"><p>Day</p></th><th colspan=\"2\" rowspan=\"1\"><p>Where</p></th></tr>" +
        "<tr><td colspan=\"1\" rowspan=\"1\"><p>Monday</p></td><td colspan=\"1\" rowspan=\"1\"><p>Farm</p></td><td colspan=\"1\" rowspan=\"1\"><p>Barn</p></td></tr></tbody></table>" +
        "<img src=\"/alpha/media/abcdef123456/large\" alt=\"Cows in the field\">" +
        "<figure><img src=\"/alpha/media/abcdef123456/large\" alt=\"Sheep\"><figcaption>Sheep by the gate</figcaption></figure><hr>";

    /// <summary>The same without the pictures, which would need to be in the library (and cleared) to publish.</summary>
    private static readonly string WithoutPictures = EditorOutput.Split("<img")[0];

    [Fact]
    public void The_sanitiser_keeps_everything_the_rich_text_editor_writes_and_strips_what_it_must()
    {
        var sanitizer = new HtmlBodySanitizer();
        Assert.Equal(EditorOutput, sanitizer.Sanitize(EditorOutput));

        // The same things as Tiptap's defaults would write them, or as pasted from elsewhere: the unsafe parts go, the text stays.
        var pasted = sanitizer.Sanitize("<table style=\"min-width: 75px\"><colgroup><col style=\"min-width: 25px\"></colgroup><tbody><tr><td>Cell</td></tr></tbody></table>" +
            "<p><a href=\"javascript:alert(1)\" onclick=\"alert(2)\">Click</a><img src=\"x\" onerror=\"alert(3)\"><script>alert(4)</script></p>");
        Assert.DoesNotContain("style", pasted);
        Assert.DoesNotContain("javascript", pasted);
        Assert.DoesNotContain("alert", pasted);
        Assert.Contains("<td>Cell</td>", pasted);
        Assert.Contains(">Click</a>", pasted);
    }

    [Fact]
    public async Task Rich_text_saved_from_the_editor_is_stored_as_written_and_the_public_page_shows_it()
    {
        using var head = await Factory.AlphaHeadAsync();
        var saved = await head.SubmitAsync("/alpha/admin/content/new/Page",
            ("TitlePart.Title", "Farm trip"), ("AutoroutePart.Path", "farm-trip"), ("HtmlBodyPart.Html", WithoutPictures),
            ("Revision", "0"), ("action", "publish"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = saved.Headers.Location!.ToString().Split('/').Last();
        var stored = await new ContentApiClient(head, "/alpha").GetAsync(id, "latest");
        var html = (await stored.Content.ReadFromJsonAsync<JsonObject>())!["HtmlBodyPart"]!["Html"]!.GetValue<string>();
        Assert.Equal(WithoutPictures, html);

        using var visitor = new Browser(Factory);
        var page = await visitor.GetPageAsync("/alpha/farm-trip");
        Assert.Contains("<blockquote><p>Best day ever!</p></blockquote>", page);
        Assert.Contains("<th colspan=\"2\" rowspan=\"1\"><p>Where</p></th>", page);
    }

    [Fact]
    public async Task Pictures_are_stored_in_the_order_chosen_and_the_menu_editors_entries_keep_the_stored_shape()
    {
        using var head = await Factory.AlphaHeadAsync();
        var first = (await MediaUploads.UploadAsync(head, "/alpha", Media.TestImages.Jpeg(120, 80), "Coach")).GetProperty("id").GetString()!;
        var second = (await MediaUploads.UploadAsync(head, "/alpha", Media.TestImages.Jpeg(120, 80), "Barn")).GetProperty("id").GetString()!;
        var article = await head.SubmitAsync("/alpha/admin/content/new/NewsArticle",
            ("TitlePart.Title", "Farm pictures"), ("AutoroutePart.Path", ""), ("HtmlBodyPart.Html", "<p>Pictures.</p>"),
            ("NewsArticle.Pictures.MediaIds", second), ("NewsArticle.Pictures.MediaIds", first), ("Revision", "0"), ("action", "save"));
        var articleId = article.Headers.Location!.ToString().Split('/').Last();
        var api = new ContentApiClient(head, "/alpha");
        var pictures = (await (await api.GetAsync(articleId, "latest")).Content.ReadFromJsonAsync<JsonObject>())!["NewsArticle"]!["Pictures"]!["MediaIds"]!;
        Assert.Equal($"[\"{second}\",\"{first}\"]", pictures.ToJsonString());

        var about = (await api.CreateOrFailAsync(ContentApiClient.Page("About the farm", path: "about-the-farm")))["ContentItemId"]!.GetValue<string>();
        await api.PublishOrFailAsync(about);
        // As menu.js sends it; anything but a menu entry's own properties is left out.
        var entries = $$"""
            [ { "Text": "About", "ContentItemId": "{{about}}", "key": 7, "Items": [ { "Text": "Coach times", "Url": "/coach", "Onclick": "alert(1)" } ] },
              { "Text": "GOV.UK", "Url": "https://www.gov.uk", "Items": [] } ]
            """;
        var menu = await head.SubmitAsync("/alpha/admin/content/new/Menu",
            ("TitlePart.Title", "Footer menu"), ("MenuPart.Items", "Ignored | /old"), ("MenuPart.ItemsJson", entries), ("Revision", "0"), ("action", "save"));
        Assert.Equal(HttpStatusCode.Redirect, menu.StatusCode);
        var menuId = menu.Headers.Location!.ToString().Split('/').Last();
        var items = (await (await api.GetAsync(menuId, "latest")).Content.ReadFromJsonAsync<JsonObject>())!["MenuPart"]!["Items"]!;
        Assert.Equal($$"""[{"Text":"About","ContentItemId":"{{about}}","Items":[{"Text":"Coach times","Url":"/coach"}]},{"Text":"GOV.UK","Url":"https://www.gov.uk"}]""",
            items.ToJsonString());

        // Without the script (or if what it sent cannot be read) the text lines count, as before.
        var plain = await head.SubmitAsync($"/alpha/admin/content/{menuId}",
            ("TitlePart.Title", "Footer menu"), ("MenuPart.Items", "Coach | /coach\n  Times | /coach-times"), ("MenuPart.ItemsJson", "[{not json"),
            ("Revision", RevisionOf(await head.GetPageAsync($"/alpha/admin/content/{menuId}"))), ("action", "save"));
        Assert.Equal(HttpStatusCode.Redirect, plain.StatusCode);
        items = (await (await api.GetAsync(menuId, "latest")).Content.ReadFromJsonAsync<JsonObject>())!["MenuPart"]!["Items"]!;
        Assert.Equal("""[{"Text":"Coach","Url":"/coach","Items":[{"Text":"Times","Url":"/coach-times"}]}]""", items.ToJsonString());
    }

    [Fact]
    public async Task Deleting_and_unpublishing_ask_first_on_a_page_of_their_own()
    {
        using var head = await Factory.AlphaHeadAsync();
        var created = await head.SubmitAsync("/alpha/admin/content/new/Page",
            ("TitlePart.Title", "Lost property"), ("AutoroutePart.Path", "lost-property"), ("HtmlBodyPart.Html", "<p>Ask at the office.</p>"),
            ("Revision", "0"), ("action", "publish"));
        var url = created.Headers.Location!.ToString();
        var editor = await head.GetPageAsync(url);
        // The editor only links to the questions; nothing on it deletes or unpublishes.
        Assert.Contains($"<a class=\"button danger\" href=\"{url}/unpublish\">Unpublish…</a>", editor);
        Assert.Contains($"<a class=\"button danger\" href=\"{url}/delete\">Delete…</a>", editor);
        Assert.DoesNotContain("handler=Delete", editor);
        await head.SubmitAsync(url, [], url + "?handler=Delete");
        await head.SubmitAsync(url, [], url + "?handler=Unpublish");
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/alpha/lost-property")).StatusCode);

        var question = WebUtility.HtmlDecode(await head.GetPageAsync(url + "/unpublish"));
        Assert.Contains("<h1>Unpublish “Lost property”?</h1>", question);
        Assert.Contains("it stays here as a draft", question);
        Assert.Contains("<button type=\"submit\" class=\"danger\">Unpublish “Lost property”</button>", question);
        var unpublished = await head.SubmitAsync(url + "/unpublish", []);
        Assert.Equal(url, unpublished.Headers.Location!.ToString());
        Assert.Contains("Unpublished: it is no longer on the site.", await head.GetPageAsync(url));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/alpha/lost-property")).StatusCode);

        // Someone who may not delete is not even asked.
        using var contributor = await Factory.NewAlphaStaffAsync("Contributor");
        var notAsked = await contributor.GetAsync(url + "/delete");
        Assert.Equal("/alpha/access-denied", notAsked.Headers.Location?.AbsolutePath);

        question = WebUtility.HtmlDecode(await head.GetPageAsync(url + "/delete"));
        Assert.Contains("<h1>Delete “Lost property”?</h1>", question);
        Assert.Contains("restore it as a draft", question);
        var deleted = await head.SubmitAsync(url + "/delete", []);
        Assert.Equal("/alpha/admin/content?status=Deleted", deleted.Headers.Location!.ToString());
        Assert.Contains("Lost property", await head.GetPageAsync("/alpha/admin/content?status=Deleted"));
    }

    [Fact]
    public async Task The_page_chooser_lists_the_schools_pages_and_the_editors_files_are_for_signed_in_staff_only()
    {
        using var head = await Factory.AlphaHeadAsync();
        var api = new ContentApiClient(head, "/alpha");
        var draft = (await api.CreateOrFailAsync(ContentApiClient.Page("School dinners menu", path: "dinners")))["ContentItemId"]!.GetValue<string>();
        using var contributor = await Factory.NewAlphaStaffAsync("Contributor");
        var pages = await contributor.Http.GetFromJsonAsync<JsonElement>("/alpha/api/editor/pages");
        Assert.Equal("/alpha", pages.GetProperty("base").GetString());
        var dinners = pages.GetProperty("pages").EnumerateArray().Single(p => p.GetProperty("id").GetString() == draft);
        Assert.Equal("/alpha/dinners", dinners.GetProperty("url").GetString());
        Assert.False(dinners.GetProperty("published").GetBoolean());
        Assert.DoesNotContain(pages.GetProperty("pages").EnumerateArray(), p => p.GetProperty("url").GetString()!.StartsWith("/beta", StringComparison.Ordinal));

        using var staff = await Factory.NewAlphaStaffAsync("Staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/alpha/api/editor/pages")).StatusCode);

        var editorPage = await head.GetPageAsync("/alpha/admin/content/new/Page");
        var script = ScriptAddress().Match(editorPage).Groups[1].Value;
        var file = await head.GetAsync(WebUtility.HtmlDecode(script));
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("text/javascript", file.Content.Headers.ContentType?.MediaType);
        Assert.Contains("immutable", file.Headers.CacheControl?.ToString());
        using var anonymous = new Browser(Factory);
        var refused = await anonymous.GetAsync(WebUtility.HtmlDecode(script));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync("/alpha/assets/contents/nothing.js")).StatusCode);
    }

    private static string RevisionOf(string editor) => Regex.Match(editor, "name=\"Revision\" value=\"(\\d+)\"").Groups[1].Value;

    [GeneratedRegex("<script src=\"(/alpha/assets/contents/rich-text\\.js\\?v=[0-9a-f]+)\" defer>")]
    private static partial Regex ScriptAddress();
}
