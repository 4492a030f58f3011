using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Media;

/// <summary>Uploading through the API: only processed files are stored and served, and only reviewed pictures are public.</summary>
public abstract class MediaApiTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task An_uploaded_photo_is_served_without_location_only_once_reviewed()
    {
        using var head = await Factory.AlphaHeadAsync();
        var photo = TestImages.WithPhoneMetadata(TestImages.Jpeg(1200, 800), orientation: 1);
        var uploaded = await MediaUploads.PostAsync(head, "/alpha", photo, "sports-day.jpg", ("caption", "Sports day"));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var item = await uploaded.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(item.GetProperty("unreviewed").GetBoolean());
        var url = item.GetProperty("url").GetString()!;
        Assert.Matches("^/alpha/media/[a-z0-9]+/original$", url);

        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);

        var described = await head.Http.PutAsJsonAsync($"/alpha/api/media/{item.GetProperty("id").GetString()}",
            new { altText = "Relay race on the field", noIdentifiablePeople = true });
        Assert.Equal(HttpStatusCode.OK, described.StatusCode);
        // "Nobody can be identified" counts once a second person with the consent permission confirms it.
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);
        using var dpo = await Factory.NewAlphaStaffAsync("DataProtectionOfficer");
        await MediaUploads.ConfirmAsync(dpo, "/alpha", item.GetProperty("id").GetString()!);

        foreach (var rendition in new[] { "original", "large", "medium", "thumbnail" })
        {
            var response = await visitor.GetAsync(url.Replace("/original", "/" + rendition));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("public, max-age=60", response.Headers.CacheControl!.ToString());
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var metadata = ImageMetadataReader.ReadMetadata(new MemoryStream(bytes));
            Assert.DoesNotContain(metadata, d => d is GpsDirectory or ExifIfd0Directory);
        }
    }

    [Fact]
    public async Task A_refused_file_gets_400_saying_why_and_nothing_is_stored()
    {
        using var contributor = await Factory.NewAlphaStaffAsync("Contributor");
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"u8.ToArray();
        var refused = await MediaUploads.PostAsync(contributor, "/alpha", svg, "logo.jpg");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await ContentApiClient.ProblemAsync(refused);
        Assert.Contains("SVG", problem.GetProperty("errors").GetProperty("file")[0].GetString());
        var mediaFolder = Path.Combine(Factory.AppData, "Sites", "alpha", "media");
        var before = System.IO.Directory.Exists(mediaFolder) ? System.IO.Directory.GetDirectories(mediaFolder).Length : 0;
        await MediaUploads.PostAsync(contributor, "/alpha", svg, "logo.svg");
        Assert.Equal(before, System.IO.Directory.Exists(mediaFolder) ? System.IO.Directory.GetDirectories(mediaFolder).Length : 0);
    }

    [Fact]
    public async Task Uploading_needs_the_permission()
    {
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await MediaUploads.PostAsync(visitor, "/alpha", TestImages.Jpeg(10, 10), "a.jpg")).StatusCode);
        using var staff = await Factory.NewAlphaStaffAsync("Staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await MediaUploads.PostAsync(staff, "/alpha", TestImages.Jpeg(10, 10), "a.jpg")).StatusCode);
    }

    [Fact]
    public async Task People_and_no_identifiable_people_cannot_both_be_declared()
    {
        using var head = await Factory.AlphaHeadAsync();
        var uploaded = await (await MediaUploads.PostAsync(head, "/alpha", TestImages.Jpeg(100, 100), "class.jpg")).Content.ReadFromJsonAsync<JsonElement>();
        var response = await head.Http.PutAsJsonAsync($"/alpha/api/media/{uploaded.GetProperty("id").GetString()}",
            new { people = new[] { "mis-1001" }, noIdentifiablePeople = true });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await ContentApiClient.ProblemAsync(response)).GetProperty("errors").TryGetProperty("noIdentifiablePeople", out _));
    }

    [Fact]
    public async Task A_document_downloads_under_a_name_the_school_gave_it_while_pictures_show_in_the_page()
    {
        using var head = await Factory.AlphaHeadAsync();
        var uploaded = await MediaUploads.PostAsync(head, "/alpha", TestPdfs.Plain(), "<b>payslips</b>.html", ("caption", "Summer term newsletter"));
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var url = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);

        // Unreviewed, so only staff who look after media see it: as a download, never opened inside the site.
        var document = await head.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("application/pdf", document.Content.Headers.ContentType!.MediaType);
        var disposition = document.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("summer-term-newsletter.pdf", disposition.FileName!.Trim('"'));
        Assert.DoesNotContain("payslips", disposition.ToString());
        Assert.DoesNotContain("Sarah", System.Text.Encoding.Latin1.GetString(await document.Content.ReadAsByteArrayAsync()));

        var picture = await MediaUploads.UploadAsync(head, "/alpha", TestImages.Jpeg(120, 80), "Pond dipping");
        var shown = await head.GetAsync(picture.GetProperty("url").GetString()!);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Null(shown.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task A_pdf_hiding_javascript_behind_hex_escapes_gets_400_saying_what_to_do()
    {
        using var contributor = await Factory.NewAlphaStaffAsync("Contributor");
        var escaped = TestPdfs.Plain("/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>");

        var refused = await MediaUploads.PostAsync(contributor, "/alpha", escaped, "newsletter.pdf");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var reason = (await ContentApiClient.ProblemAsync(refused)).GetProperty("errors").GetProperty("file")[0].GetString();
        Assert.Contains("JavaScript", reason);
        Assert.Contains("Print it to PDF again", reason);
    }
}

public sealed class MediaApiOnSqlite(SqliteSchools fixture) : MediaApiTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class MediaApiOnPostgreSql(PostgreSqlSchools fixture) : MediaApiTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
