using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SchoolSite.Tests.Host;
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
        var blocked = await carer.GetAsync("/alpha/consent/scl_guess10");
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Contains("ask the school office for a new one", await blocked.Content.ReadAsStringAsync());
        // The guesses were not this link: it still opens (see CarerLinkLockoutTests).
        Assert.Equal(HttpStatusCode.OK, (await carer.GetAsync(link)).StatusCode);
        _factory.Clock.Advance(TimeSpan.FromMinutes(16));
        Assert.Equal(HttpStatusCode.NotFound, (await carer.GetAsync("/alpha/consent/scl_guess11")).StatusCode);

        _factory.Clock.Advance(TimeSpan.FromDays(7));
        var expired = await carer.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("This link has expired", await expired.Content.ReadAsStringAsync());
    }
}

/// <summary>
/// One guesser does not lock other carers out: wrong tries count against the guesser's own address (as the trust's
/// proxy reports it, and only a proxy the trust names) and against the link they were aimed at.
/// </summary>
public sealed class CarerLinkLockoutTests : IAsyncLifetime
{
    private const string Proxy = "10.1.0.5";
    private static readonly TimeSpan LinkWindow = TimeSpan.FromMinutes(16);
    private readonly ProxiedFactory _factory = new();

    public async Task InitializeAsync()
    {
        _factory.Extra["SchoolSite:KnownProxies:0"] = "10.1.0.0/16";
        _ = _factory.Server;
        await _factory.CreateSchoolAsync("alpha", "Alpha Primary", "alpha");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_guesser_is_locked_but_another_carer_at_the_same_address_still_opens_and_uses_their_link()
    {
        var link = await IssueAsync("Ruby", "Sam Patel");
        using var guesser = _factory.ClientFrom("198.51.100.20");
        await GuessTenTimesAsync(guesser);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.GetAsync("/alpha/consent/scl_onemore")).StatusCode);

        using var carer = new Browser(_factory);
        carer.Http.DefaultRequestHeaders.Add(ProxiedFactory.PeerHeader, "198.51.100.20");
        Assert.Contains("Photographs of Ruby", await carer.GetPageAsync(link));
        var saved = await carer.SubmitAsync(link, ("Choice[website]", "yes"));
        Assert.Contains("your choices are saved", await saved.Content.ReadAsStringAsync());

        _factory.Clock.Advance(LinkWindow);
        Assert.Equal(HttpStatusCode.NotFound, (await guesser.GetAsync("/alpha/consent/scl_onemore")).StatusCode);
    }

    [Fact]
    public async Task Someone_who_knows_how_a_link_starts_gets_ten_tries_at_the_rest_from_their_address()
    {
        var link = await IssueAsync("Leo", "Kim Lee");
        var start = link[..(link.IndexOf("scl_", StringComparison.Ordinal) + 4 + 12)];
        using var guesser = _factory.ClientFrom("198.51.100.21");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await guesser.GetAsync($"{start}wrongending{i}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.GetAsync(link)).StatusCode);

        using var carer = _factory.ClientFrom("198.51.100.22");
        Assert.Equal(HttpStatusCode.OK, (await carer.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task X_forwarded_for_tells_carers_apart_only_when_it_comes_from_a_known_proxy()
    {
        using var guesser = ThroughProxy("203.0.113.7");
        await GuessTenTimesAsync(guesser);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.GetAsync("/alpha/consent/scl_onemore")).StatusCode);
        using var neighbour = ThroughProxy("203.0.113.8");
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync("/alpha/consent/scl_onemore")).StatusCode);

        // Not a proxy the trust named: its X-Forwarded-For is the caller's own say-so and changes nothing.
        for (var i = 0; i < 11; i++)
        {
            using var pretender = _factory.ClientFrom("198.51.100.30");
            pretender.DefaultRequestHeaders.Add("X-Forwarded-For", $"203.0.113.{100 + i}");
            var expected = i < 10 ? HttpStatusCode.NotFound : HttpStatusCode.TooManyRequests;
            Assert.Equal(expected, (await pretender.GetAsync($"/alpha/consent/scl_pretend{i}")).StatusCode);
        }
    }

    private HttpClient ThroughProxy(string carer)
    {
        var client = _factory.ClientFrom(Proxy);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", carer);
        return client;
    }

    private static async Task GuessTenTimesAsync(HttpClient guesser)
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await guesser.GetAsync($"/alpha/consent/scl_guess{i}")).StatusCode);
        }
    }

    private async Task<string> IssueAsync(string firstName, string carerName)
    {
        using var head = await _factory.AlphaHeadAsync();
        var pupil = await Register.PupilAsync(head, "/alpha", firstName, "Pupil");
        return await CarerLinkTests<SqliteSchools>.LinkAsync(head, pupil, carerName);
    }
}
