using System.Net;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.AuditTrail;

/// <summary>The audit trail page: sign-ins, user changes and consent are there, searchable, exportable, and only for those allowed.</summary>
public sealed class AuditPageTests(SqliteSchools fixture) : IClassFixture<SqliteSchools>
{
    [Fact]
    public async Task Sign_ins_user_changes_and_consent_are_in_the_trail_which_filters_and_exports_as_csv()
    {
        using var head = await fixture.Factory.AlphaHeadAsync();
        using var editor = await fixture.Factory.NewAlphaStaffAsync("Editor");
        var pupil = await Register.PupilAsync(head, "/alpha", "Amelia", "Watson");
        await Register.ConsentAsync(head, "/alpha", pupil, "website", "Refused");

        var page = WebUtility.HtmlDecode(await head.GetPageAsync("/alpha/admin/audit"));
        Assert.Contains("The trail is intact", page);
        Assert.Contains("sign-in signed-in", page);
        Assert.Contains("users created", page);

        var filtered = WebUtility.HtmlDecode(await head.GetPageAsync($"/alpha/admin/audit?subject=person:{pupil}"));
        Assert.Contains("consent refused", filtered);
        Assert.DoesNotContain("users created", filtered);

        var csv = await head.Http.GetAsync($"/alpha/admin/audit?handler=Csv&subject=person:{pupil}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length); // header, added, refused
        Assert.Contains("\"refused\"", lines[2]);

        var denied = await editor.Http.GetAsync("/alpha/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("access-denied", denied.Headers.Location!.ToString());
    }
}
