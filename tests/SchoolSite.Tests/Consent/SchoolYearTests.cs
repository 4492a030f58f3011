using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Media;

namespace SchoolSite.Tests.Consent;

/// <summary>Consent is given per school year: when the year rolls over, pictures wait for the new year's consent.</summary>
public sealed class SchoolYearTests : IAsyncLifetime
{
    private readonly ClockedFactory _factory = new(new DateTimeOffset(2027, 6, 15, 9, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateSchoolAsync("alpha", "Alpha Primary", "alpha");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_picture_stops_showing_when_the_school_year_ends_until_consent_for_the_new_year_is_recorded()
    {
        using var head = await _factory.AlphaHeadAsync();
        var pupil = (await (await head.Http.PostAsJsonAsync("/alpha/api/people", new
        {
            externalId = "mis-2001", kind = "Pupil", legalFirstName = "Ella", legalLastName = "Jones", yearGroup = "Year 6",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Created, (await head.Http.PostAsJsonAsync($"/alpha/api/people/{pupil}/consents", new { purpose = "website", status = "Granted" })).StatusCode);
        var url = await MediaUploads.PictureOfAsync(head, "/alpha", TestImages.Jpeg(300, 200), "Year 6 leavers' assembly", pupil!);
        var (articleId, page) = await Register.PublishArticleAsync(head, "/alpha", "Leavers' assembly", Register.IdOf(url));
        using var visitor = new Browser(_factory);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);
        Assert.Contains(Register.IdOf(url), await visitor.GetPageAsync(page));

        var article = (await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/content/{articleId}/checks"))[0];
        Assert.Equal("Cleared", article.GetProperty("severity").GetString());
        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 8, 10, 9, 0, 0, TimeSpan.Zero));
        using (var editor = await _factory.AlphaHeadAsync())
        {
            var lapsing = (await editor.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/content/{articleId}/checks"))[0];
            Assert.Equal("Lapsing", lapsing.GetProperty("severity").GetString());
            Assert.Contains("lapses at the end of the school year (1 September 2027)", lapsing.GetProperty("message").GetString());
        }

        // 31 August 23:30 in London is still 2026–27; half an hour later it is 2027–28.
        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 8, 31, 22, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);
        Assert.Contains(Register.IdOf(url), await visitor.GetPageAsync(page));
        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 8, 31, 23, 30, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);
        Assert.DoesNotContain(Register.IdOf(url), await visitor.GetPageAsync(page));

        using var again = await _factory.AlphaHeadAsync();
        var person = await again.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/people/{pupil}");
        Assert.Contains("2027–28", person.GetProperty("consents").GetProperty("website").GetProperty("reasons")[0].GetString());
        Assert.Equal(HttpStatusCode.Created, (await again.Http.PostAsJsonAsync($"/alpha/api/people/{pupil}/consents", new { purpose = "website", status = "Granted" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);
        Assert.Contains(Register.IdOf(url), await visitor.GetPageAsync(page));
    }
}
