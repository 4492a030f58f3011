using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Media;

/// <summary>
/// The library as the editor's picture picker reads it (GET /api/media): found by words, folder and year, each
/// picture with its standing for the field's purpose, and a pupil's name with their family's answer only for
/// staff who may see the people register.
/// </summary>
public sealed class PictureListTests(SqliteSchools fixture) : IClassFixture<SqliteSchools>
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task The_picker_shows_each_pictures_standing_and_names_a_pupil_only_to_staff_who_may_see_the_register()
    {
        using var head = await Factory.AlphaHeadAsync();
        var refused = await Register.PupilAsync(head, "/alpha", "Zara", "Quinn");
        await Register.ConsentAsync(head, "/alpha", refused, "website", "Refused");
        var granted = await Register.PupilAsync(head, "/alpha", "Yusuf", "Ali");
        await Register.ConsentAsync(head, "/alpha", granted, "website", "Granted");
        var blocked = Register.IdOf(await MediaUploads.PictureOfAsync(head, "/alpha", TestImages.Jpeg(160, 120), "Year 4 reading at the book fair", refused));
        var cleared = Register.IdOf(await MediaUploads.PictureOfAsync(head, "/alpha", TestImages.Jpeg(160, 120), "Year 4 buying books at the book fair", granted));
        var filed = await MediaUploads.PostAsync(head, "/alpha", TestImages.Jpeg(160, 120), "stalls.jpg", ("altText", "Stalls in the hall"), ("folder", "Book fair 2026"));
        var unreviewed = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var seen = await ListAsync(head, "q=book+fair&purpose=website");
        Assert.Equal(3, seen.GetProperty("items").GetArrayLength());
        var blockedForHead = Item(seen, blocked);
        Assert.False(blockedForHead.GetProperty("cleared").GetBoolean());
        Assert.Contains(blockedForHead.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("Zara's family has said no (website"));
        var clearedItem = Item(seen, cleared);
        Assert.True(clearedItem.GetProperty("cleared").GetBoolean());
        Assert.Equal(0, clearedItem.GetProperty("reasons").GetArrayLength());
        Assert.Equal($"/alpha/media/{cleared}/thumbnail", clearedItem.GetProperty("thumbnail").GetString());
        Assert.Equal(JsonValueKind.String, clearedItem.GetProperty("lapses").ValueKind);
        var filedItem = Item(seen, unreviewed);
        Assert.True(filedItem.GetProperty("unreviewed").GetBoolean());
        Assert.Contains(filedItem.GetProperty("reasons").EnumerateArray(), r => r.GetString()!.Contains("is unreviewed"));
        Assert.Equal($"/alpha/admin/media/{unreviewed}", filedItem.GetProperty("describe").GetString());

        // A contributor sees that it is blocked, and why in general, but not who or what their family said.
        using var contributor = await Factory.NewAlphaStaffAsync("Contributor");
        var answer = await contributor.Http.GetStringAsync("/alpha/api/media?q=book+fair&purpose=website");
        Assert.DoesNotContain("Zara", answer);
        var blockedForContributor = Item(JsonDocument.Parse(answer).RootElement, blocked);
        Assert.False(blockedForContributor.GetProperty("cleared").GetBoolean());
        Assert.Equal(["One person in it may not be shown this way (their consent does not allow it). Staff who look after consent can see who."],
            blockedForContributor.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.True(Item(JsonDocument.Parse(answer).RootElement, cleared).GetProperty("cleared").GetBoolean());

        // Folders and years narrow the list; ids fetch a field's chosen pictures.
        var inFolder = await ListAsync(contributor, "folder=Book+fair+2026");
        Assert.Equal(unreviewed, inFolder.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetString());
        Assert.Contains(inFolder.GetProperty("folders").EnumerateArray(), f => f.GetString() == "Book fair 2026");
        var thisYear = DateTime.UtcNow.Year;
        Assert.Contains(inFolder.GetProperty("years").EnumerateArray(), y => y.GetInt32() == thisYear);
        Assert.Equal(0, (await ListAsync(contributor, "q=book+fair&year=2001")).GetProperty("items").GetArrayLength());
        Assert.Equal(3, (await ListAsync(contributor, $"q=book+fair&year={thisYear}")).GetProperty("items").GetArrayLength());
        var chosen = await ListAsync(contributor, $"ids={cleared},{blocked}&purpose=website");
        Assert.Equal(new[] { blocked, cleared }.Order(), chosen.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).Order());

        var unknown = await contributor.GetAsync("/alpha/api/media?purpose=billboards");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using var dpo = await Factory.NewAlphaStaffAsync("DataProtectionOfficer");
        Assert.Equal(HttpStatusCode.Forbidden, (await dpo.GetAsync("/alpha/api/media")).StatusCode);
    }

    private static async Task<JsonElement> ListAsync(Browser browser, string query)
        => await browser.Http.GetFromJsonAsync<JsonElement>("/alpha/api/media?" + query);

    private static JsonElement Item(JsonElement list, string id)
        => list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == id);
}
