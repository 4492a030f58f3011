using System.Net;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Users;

/// <summary>Two-factor sign-in: a school that requires it gets it on every page and API; changing it needs proof.</summary>
public abstract class TwoFactorTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task When_the_school_requires_two_factor_a_password_only_session_reaches_no_page_or_api_until_it_is_set_up()
    {
        const string school = "/enforced";
        await Factory.CreateSchoolAsync("enforced", "Enforced Primary", "enforced");
        using var head = await Factory.SignedInAsync(school, "head@enforced.example", TwoSchoolsFixture.AdminPassword);
        var pupil = await Register.PupilAsync(head, school, "Amelia", "Watson");
        var leaderEmail = await Accounts.CreateAsync(head, school, "Leader", "SeniorLeader");
        var headToken = await Accounts.CreateTokenAsync(head, school, "MIS sync");
        await Accounts.SaveSettingsAsync(head, school, ("Input.RequireTwoFactorForStaff", "true"));

        using var leader = new Browser(Factory);
        var signIn = await leader.SignInAsync(school, leaderEmail, People.StaffPassword);
        Assert.Contains($"{school}/account/two-factor", signIn.Headers.Location!.ToString());

        // The JSON API, with the session the password alone gave: a permission policy, and the default policy.
        foreach (var api in new[] { $"{school}/api/people/{pupil}", $"{school}/api/content/anything/checks" })
        {
            var refused = await leader.GetAsync(api);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.Contains($"Set up two-factor sign-in at {school}/account/two-factor first", problem);
            Assert.DoesNotContain("Watson", problem);
        }

        // Pages (a permission policy, the fallback policy) still take the person to set it up.
        foreach (var page in new[] { $"{school}/admin", $"{school}/admin/users", $"{school}/account/tokens" })
        {
            var redirected = await leader.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
            Assert.Contains($"{school}/account/two-factor", redirected.Headers.Location!.ToString());
        }

        // A token made before the school required two-factor acts as its user, so it is refused too, and kept.
        var byToken = await Accounts.GetWithTokenAsync(Factory, $"{school}/api/people/{pupil}", headToken);
        Assert.Equal(HttpStatusCode.Forbidden, byToken.StatusCode);
        Assert.Contains("Set up two-factor sign-in", await byToken.Content.ReadAsStringAsync());

        await Accounts.EnrolAsync(leader, school);
        var read = await leader.GetAsync($"{school}/api/people/{pupil}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Contains("Watson", await read.Content.ReadAsStringAsync());

        await Accounts.EnrolAsync(head, school);
        Assert.Equal(HttpStatusCode.OK, (await Accounts.GetWithTokenAsync(Factory, $"{school}/api/people/{pupil}", headToken)).StatusCode);
    }
}

public sealed class TwoFactorOnSqlite(SqliteSchools fixture) : TwoFactorTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class TwoFactorOnPostgreSql(PostgreSqlSchools fixture) : TwoFactorTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
