using System.Net;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.AuditTrail;

/// <summary>Every change that reaches (or leaves) the public site is in the school's audit trail, once, with who made it.</summary>
public sealed class ContentAuditTests(SqliteSchools fixture) : IClassFixture<SqliteSchools>
{
    [Fact]
    public async Task An_ordinary_publish_unpublish_delete_and_restore_each_write_one_audit_entry()
    {
        using var head = await fixture.Factory.AlphaHeadAsync();
        var api = new ContentApiClient(head, "/alpha");
        var id = (await api.CreateOrFailAsync(ContentApiClient.Page("Sports day results")))["ContentItemId"]!.GetValue<string>();

        await api.PublishOrFailAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await head.Http.PostAsync($"/alpha/api/content/{id}/unpublish", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.Http.DeleteAsync($"/alpha/api/content/{id}")).StatusCode);
        var restored = await head.SubmitAsync("/alpha/admin/content?status=Deleted", [new("id", id)], "/alpha/admin/content?handler=Restore");
        Assert.Contains("is back, as a draft", WebUtility.HtmlDecode(await restored.Content.ReadAsStringAsync()));

        var csv = await head.Http.GetStringAsync($"/alpha/admin/audit?handler=Csv&subject=content:{id}");
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        foreach (var action in new[] { "published", "unpublished", "deleted", "restored" })
        {
            var entries = rows.Where(r => r.Contains($"\"publishing\",\"{action}\"", StringComparison.Ordinal)).ToList();
            Assert.True(entries.Count == 1, $"Expected one '{action}' entry for the item, found {entries.Count}:\n{csv}");
            Assert.Contains("\"Sports day results\"", entries[0]);
            Assert.Contains("\"School administrator\"", entries[0]);
        }
        Assert.Equal(4, rows.Count);
        Assert.Contains("the audit trail is intact", (await Cli.RunAsync(fixture.Factory, "audit", "verify", "--tenant", "alpha")).Output);
    }
}
