using System.Net;
using System.Text.RegularExpressions;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Users;

/// <summary>Personal API tokens are listed with when they were made, until when they work and when they were last used; revoking one is final and audited.</summary>
public abstract class PersonalTokenTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private const string School = "/alpha";

    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_token_is_listed_with_its_dates_works_until_revoked_and_both_are_audited()
    {
        using var head = await Factory.AlphaHeadAsync();
        var pupil = await Register.PupilAsync(head, School, "Amelia", "Watson");
        var email = await Accounts.CreateAsync(head, School, "Leader", "SeniorLeader");
        using var person = await Factory.SignedInAsync(School, email, People.StaffPassword);
        var made = DateTime.UtcNow;
        var token = await Accounts.CreateTokenAsync(person, School, "Census export");

        var listed = Accounts.TokenRow(await person.GetPageAsync($"{School}/account/tokens"), "Census export");
        Assert.Equal(SchoolDate(made), listed.Made);
        Assert.Equal(SchoolDate(made.AddDays(90)), listed.WorksUntil);
        Assert.Equal("Never", listed.LastUsed);
        Assert.Equal("Active", listed.State);

        Assert.Equal(HttpStatusCode.OK, (await Accounts.GetWithTokenAsync(Factory, $"{School}/api/people/{pupil}", token)).StatusCode);
        var used = Accounts.TokenRow(await person.GetPageAsync($"{School}/account/tokens"), "Census export");
        Assert.Equal(SchoolDate(DateTime.UtcNow), used.LastUsed);

        var page = await person.GetPageAsync($"{School}/account/tokens");
        var id = Regex.Match(page, "name=\"id\" value=\"(\\d+)\"").Groups[1].Value;
        await person.SubmitAsync($"{School}/account/tokens", [new("id", id)], $"{School}/account/tokens?handler=Revoke");
        Assert.Equal("Revoked", Accounts.TokenRow(await person.GetPageAsync($"{School}/account/tokens"), "Census export").State);
        var refused = await Accounts.GetWithTokenAsync(Factory, $"{School}/api/people/{pupil}", token);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("has been revoked", problem);
        Assert.Contains($"{School}/account/tokens", problem);

        var userId = await Accounts.UserIdAsync(head, School, email);
        var audit = WebUtility.HtmlDecode(await head.GetPageAsync($"{School}/admin/audit?subject=user:{userId}"));
        Assert.Contains("<td>sign-in token-created</td>", audit);
        Assert.Contains("<td>sign-in token-revoked</td>", audit);
        Assert.Contains("Census export (sst_", audit);
        Assert.DoesNotContain(token, audit);
    }

    /// <summary>A date as the tokens page shows it, in the school's time zone.</summary>
    public static string SchoolDate(DateTime utc)
        => TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).ToString("d MMM yyyy");
}

public sealed class PersonalTokensOnSqlite(SqliteSchools fixture) : PersonalTokenTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class PersonalTokensOnPostgreSql(PostgreSqlSchools fixture) : PersonalTokenTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
