using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Media;

namespace SchoolSite.Tests.Consent;

/// <summary>A carer's secure link: each purpose separately, a withdrawal counts at once, and the link can't be guessed or reused once ended.</summary>
public abstract class CarerLinkTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_carer_withdraws_one_purpose_without_touching_the_others_and_it_counts_at_once()
    {
        using var head = await Factory.AlphaHeadAsync();
        var pupil = await Register.PupilAsync(head, "/alpha", "Amelia", "Watson");
        await Register.ConsentAsync(head, "/alpha", pupil, "website", "Granted");
        await Register.ConsentAsync(head, "/alpha", pupil, "social-media", "Granted");
        var picture = await MediaUploads.PictureOfAsync(head, "/alpha", TestImages.Jpeg(200, 150), "Reading corner", pupil);
        var link = await LinkAsync(head, pupil, "Sam Watson");

        using var carer = new Browser(Factory);
        var page = await carer.GetPageAsync(link);
        Assert.Contains("Photographs of Amelia", page);
        Assert.DoesNotContain("Watson", page.Replace("Sam Watson", string.Empty));
        Assert.Contains("social", page, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await carer.GetAsync(picture)).StatusCode);

        var saved = await carer.SubmitAsync(link, ("Choice[website]", "no"), ("Choice[social-media]", "yes"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("your choices are saved", await saved.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await carer.GetAsync(picture)).StatusCode);
        var person = await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/people/{pupil}");
        Assert.False(person.GetProperty("consents").GetProperty("website").GetProperty("cleared").GetBoolean());
        Assert.True(person.GetProperty("consents").GetProperty("social-media").GetProperty("cleared").GetBoolean());
        Assert.Contains("No consent is recorded", person.GetProperty("consents").GetProperty("newsletter-prospectus").GetProperty("reasons")[0].GetString());
    }

    [Fact]
    public async Task A_revoked_link_is_refused_and_a_token_cannot_be_worked_out_from_another()
    {
        using var head = await Factory.AlphaHeadAsync();
        var pupil = await Register.PupilAsync(head, "/alpha", "Tom", "Wright");
        var first = await LinkAsync(head, pupil, "Jo Wright");
        var second = await LinkAsync(head, pupil, "Alex Wright");
        using var carer = new Browser(Factory);

        var firstToken = first.Split('/')[^1];
        var secondToken = second.Split('/')[^1];
        Assert.NotEqual(firstToken, secondToken);
        Assert.True(firstToken.Length >= 40);
        var shared = firstToken.Zip(secondToken).TakeWhile(p => p.First == p.Second).Count();
        Assert.True(shared < 8, "Two links' tokens share a long prefix.");
        var altered = first[..^1] + (first[^1] == 'a' ? 'b' : 'a');
        Assert.Equal(HttpStatusCode.NotFound, (await carer.GetAsync(altered)).StatusCode);

        var links = await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/people/{pupil}/links");
        var linkId = links.EnumerateArray().Single(l => l.GetProperty("carerName").GetString() == "Jo Wright").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await head.Http.DeleteAsync($"/alpha/api/people/{pupil}/links/{linkId}")).StatusCode);

        var revoked = await carer.GetAsync(first);
        Assert.Equal(HttpStatusCode.Gone, revoked.StatusCode);
        Assert.Contains("withdrawn by the school", await revoked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await carer.GetAsync(second)).StatusCode);
    }

    [Fact]
    public async Task Issuing_a_link_needs_manage_consent_and_a_carer_name()
    {
        using var head = await Factory.AlphaHeadAsync();
        var pupil = await Register.PupilAsync(head, "/alpha", "Isla", "Brown");
        var missing = await head.Http.PostAsJsonAsync($"/alpha/api/people/{pupil}/links", new { days = 400 });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problem = await missing.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("carerName", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("days", out _));
        Assert.Empty((await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/people/{pupil}/links")).EnumerateArray());

        using var staff = await Factory.NewAlphaStaffAsync("Editor");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Http.PostAsJsonAsync($"/alpha/api/people/{pupil}/links", new { carerName = "Someone" })).StatusCode);
    }

    public static async Task<string> LinkAsync(Browser head, string pupil, string carerName, int? days = null)
    {
        var response = await head.Http.PostAsJsonAsync($"/alpha/api/people/{pupil}/links", new { carerName, days });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var url = new Uri((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!);
        return url.AbsolutePath;
    }
}

public sealed class CarerLinkOnSqlite(SqliteSchools fixture) : CarerLinkTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class CarerLinkOnPostgreSql(PostgreSqlSchools fixture) : CarerLinkTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;

/// <summary>Links end on the school's clock, and guessing is slowed down.</summary>
public sealed class CarerLinkClockTests : IAsyncLifetime
{
    private readonly ClockedFactory _factory = new(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateSchoolAsync("alpha", "Alpha Primary", "alpha");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_link_expires_and_guessing_is_rate_limited()
    {
        using var head = await _factory.AlphaHeadAsync();
        var pupil = await Register.PupilAsync(head, "/alpha", "Ella", "Jones");
        var link = await CarerLinkTests<SqliteSchools>.LinkAsync(head, pupil, "Pat Jones", days: 7);
        using var carer = new Browser(_factory);
        Assert.Equal(HttpStatusCode.OK, (await carer.GetAsync(link)).StatusCode);

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await carer.GetAsync($"/alpha/consent/scl_guess{i}")).StatusCode);
        }
        var blocked = await carer.GetAsync(link);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.OK, (await carer.GetAsync(link)).StatusCode);

        _factory.Clock.Advance(TimeSpan.FromDays(7));
        var expired = await carer.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("This link has expired", await expired.Content.ReadAsStringAsync());
    }
}
