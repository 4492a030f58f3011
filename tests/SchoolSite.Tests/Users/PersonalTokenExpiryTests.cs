using System.Net;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Users;

/// <summary>A personal token works for as many days as the school's setting said when it was made, then is refused.</summary>
public sealed class PersonalTokenExpiryTests : IAsyncLifetime
{
    private const string School = "/alpha";

    // Monday 2 November 2026, 09:00 at the school (GMT).
    private readonly ClockedFactory _factory = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_token_stops_working_when_the_schools_token_lifetime_has_passed_and_says_so()
    {
        string token, pupil;
        using (var head = await _factory.AlphaHeadAsync())
        {
            await Accounts.SaveSettingsAsync(head, School, ("Input.PersonalTokenDays", "30"));
            pupil = await Register.PupilAsync(head, School, "Amelia", "Watson");
            token = await Accounts.CreateTokenAsync(head, School, "Report sync");
        }

        _factory.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(HttpStatusCode.OK, (await Accounts.GetWithTokenAsync(_factory, $"{School}/api/people/{pupil}", token)).StatusCode);
        using (var head = await _factory.AlphaHeadAsync())
        {
            var row = Accounts.TokenRow(await head.GetPageAsync($"{School}/account/tokens"), "Report sync");
            Assert.Equal(("2 Nov 2026", "2 Dec 2026", "12 Nov 2026", "Active"), row);
        }

        _factory.Clock.Advance(TimeSpan.FromDays(20) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await Accounts.GetWithTokenAsync(_factory, $"{School}/api/people/{pupil}", token)).StatusCode);
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var refused = await Accounts.GetWithTokenAsync(_factory, $"{School}/api/people/{pupil}", token);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("This API token expired on 2 Dec 2026.", problem);
        Assert.DoesNotContain("Watson", problem);
        using (var head = await _factory.AlphaHeadAsync())
        {
            var page = await head.GetPageAsync($"{School}/account/tokens");
            Assert.Equal("Expired", Accounts.TokenRow(page, "Report sync").State);
            Assert.DoesNotContain("Revoke <span", page);
        }
    }

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateSchoolAsync("alpha", "Alpha Primary", "alpha");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
