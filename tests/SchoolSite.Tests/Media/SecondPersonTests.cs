using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Media;

/// <summary>
/// No single person can make a child more visible. Taking a pupil out of a picture, or saying nobody can be
/// identified, waits for a colleague with the consent permission; adding a person counts at once. Documents are
/// gated like pictures. Both kinds of change are in the audit trail with who and why.
/// </summary>
public abstract class SecondPersonTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private SchoolSiteFactory Factory => fixture.Factory;

    private static readonly byte[] Newsletter = TestPdfs.Plain();

    [Fact]
    public async Task A_contributor_who_takes_a_refused_pupil_out_of_a_picture_leaves_it_hidden_until_a_colleague_confirms()
    {
        using var head = await Factory.AlphaHeadAsync();
        var pupil = await Register.PupilAsync(head, "/alpha", "Maya", "Fenwick");
        await Register.ConsentAsync(head, "/alpha", pupil, "website", "Refused");
        var url = await MediaUploads.PictureOfAsync(head, "/alpha", TestImages.Jpeg(200, 150), "The choir at the carol service", pupil);
        var id = Register.IdOf(url);
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);

        using var contributor = await Factory.NewAlphaStaffAsync("Contributor");
        var removed = await contributor.Http.PutAsJsonAsync($"/alpha/api/media/{id}", new { people = Array.Empty<string>(), reason = "Maya is behind the pillar" });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var body = await removed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(pupil, body.GetProperty("people")[0].GetString());
        Assert.Equal(JsonValueKind.Array, body.GetProperty("waitingForConfirmation").GetProperty("people").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);

        var nobody = await contributor.Http.PutAsJsonAsync($"/alpha/api/media/{id}", new { people = Array.Empty<string>(), noIdentifiablePeople = true });
        Assert.Equal(HttpStatusCode.OK, nobody.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);

        // The one who asked cannot confirm it, even with the permission; someone without it may not either.
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.Http.PostAsync($"/alpha/api/media/{id}/confirm", null)).StatusCode);
        using var dpo = await Factory.NewAlphaStaffAsync("DataProtectionOfficer");
        await MediaUploads.ConfirmAsync(dpo, "/alpha", id);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);

        var trail = await head.Http.GetStringAsync($"/alpha/admin/audit?handler=Csv&subject=media:{id}");
        Assert.Contains("\"change-proposed\"", trail);
        Assert.Contains("Contributor", trail);
        Assert.Contains("\"change-confirmed\"", trail);
        Assert.Contains("DataProtectionOfficer", trail);
    }

    [Fact]
    public async Task Adding_a_person_to_a_picture_counts_on_the_next_request_and_the_proposer_cannot_confirm_their_own_change()
    {
        using var head = await Factory.AlphaHeadAsync();
        var pupil = await Register.PupilAsync(head, "/alpha", "Oscar", "Lindqvist");
        await Register.ConsentAsync(head, "/alpha", pupil, "website", "Refused");
        var item = await MediaUploads.UploadAsync(head, "/alpha", TestImages.Jpeg(120, 90), "The school garden");
        var id = item.GetProperty("id").GetString()!;
        var url = item.GetProperty("url").GetString()!;
        await head.Http.PutAsJsonAsync($"/alpha/api/media/{id}", new { noIdentifiablePeople = true });
        Assert.Equal(HttpStatusCode.Conflict, (await head.Http.PostAsync($"/alpha/api/media/{id}/confirm", null)).StatusCode);
        using var dpo = await Factory.NewAlphaStaffAsync("DataProtectionOfficer");
        await MediaUploads.ConfirmAsync(dpo, "/alpha", id);
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);

        using var contributor = await Factory.NewAlphaStaffAsync("Contributor");
        Assert.Equal(HttpStatusCode.OK, (await contributor.Http.PutAsJsonAsync($"/alpha/api/media/{id}", new { people = new[] { pupil } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task On_the_media_page_saying_nobody_can_be_identified_waits_for_the_dpo_who_confirms_it_on_their_list()
    {
        using var contributor = await Factory.NewAlphaStaffAsync("Contributor");
        var item = await MediaUploads.UploadAsync(contributor, "/alpha", TestImages.Jpeg(160, 120), "Hands planting bulbs");
        var id = item.GetProperty("id").GetString()!;
        var url = item.GetProperty("url").GetString()!;
        var saved = await contributor.SubmitAsync($"/alpha/admin/media/{id}",
            ("AltText", "Hands planting bulbs"), ("NoIdentifiablePeople", "true"), ("Reason", "Only hands are in it"));
        var page = WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync());
        Assert.Contains("waits for a colleague with the consent permission", page);
        Assert.Contains("Only hands are in it", page);
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);

        using var dpo = await Factory.NewAlphaStaffAsync("DataProtectionOfficer");
        var dashboard = WebUtility.HtmlDecode(await dpo.GetPageAsync("/alpha/admin"));
        Assert.Matches("\\d+ changes? to pictures or documents waits? for you to confirm", dashboard);
        var list = WebUtility.HtmlDecode(await dpo.GetPageAsync("/alpha/admin/media/confirm"));
        Assert.Contains("Only hands are in it", list);
        var confirmed = await dpo.SubmitAsync("/alpha/admin/media/confirm", [], $"/alpha/admin/media/confirm?handler=Confirm&id={id}");
        Assert.Contains("Confirmed: 'Hands planting bulbs'", WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);

        // Naming someone on the page narrows at once: a pupil whose family said no hides it on the next request.
        using var head = await Factory.AlphaHeadAsync();
        var pupil = await Register.PupilAsync(head, "/alpha", "Ines", "Carvalho");
        await Register.ConsentAsync(head, "/alpha", pupil, "website", "Refused");
        var named = await contributor.SubmitAsync($"/alpha/admin/media/{id}", ("AltText", "Hands planting bulbs"), ("People", pupil));
        Assert.Contains("Saved.", WebUtility.HtmlDecode(await named.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task A_document_is_not_public_until_someone_with_the_consent_permission_confirms_it_and_a_page_linking_it_cannot_be_published_before()
    {
        using var contributor = await Factory.NewAlphaStaffAsync("Contributor");
        var upload = await MediaUploads.PostAsync(contributor, "/alpha", Newsletter, "newsletter.pdf");
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var document = await upload.Content.ReadFromJsonAsync<JsonElement>();
        var id = document.GetProperty("id").GetString()!;
        var url = document.GetProperty("url").GetString()!;
        Assert.True(document.GetProperty("unreviewed").GetBoolean());
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);

        using var head = await Factory.AlphaHeadAsync();
        var api = new ContentApiClient(head, "/alpha");
        var page = await api.CreateOrFailAsync(ContentApiClient.Page("Newsletters", $"<p>Read <a href=\"{url}\">the spring newsletter</a>.</p>"));
        var vetoed = await api.PublishAsync(page["ContentItemId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, vetoed.StatusCode);
        Assert.Contains("(a document) is unreviewed", await vetoed.Content.ReadAsStringAsync());

        await contributor.Http.PutAsJsonAsync($"/alpha/api/media/{id}", new { noIdentifiablePeople = true, reason = "Text only, no photographs" });
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);
        await MediaUploads.ConfirmAsync(head, "/alpha", id);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);
        await api.PublishOrFailAsync(page["ContentItemId"]!.GetValue<string>());
        Assert.Contains($"href=\"{url}\"", await visitor.GetPageAsync("/alpha/newsletters"));
    }
}

public sealed class SecondPersonOnSqlite(SqliteSchools fixture) : SecondPersonTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class SecondPersonOnPostgreSql(PostgreSqlSchools fixture) : SecondPersonTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
