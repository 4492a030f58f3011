using System.Net;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Users;

/// <summary>Two-factor sign-in: a school that requires it gets it on every page and API; changing it needs proof.</summary>
public abstract class TwoFactorTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private const string School = "/alpha";

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

    [Fact]
    public async Task Turning_two_factor_off_needs_the_password_or_a_current_code_and_is_audited()
    {
        var (person, email) = await NewStaffAsync();
        using var browser = person;
        var (key, _) = await Accounts.EnrolAsync(person, School);

        foreach (var proof in new[] { "", "not my password at all", NotTheCode(key) })
        {
            var refused = await Accounts.TextAsync(await TwoFactorFormAsync(person, "Disable", proof));
            Assert.Contains("To turn off two-factor sign-in, enter your current password or the code your authenticator app shows now.", refused);
            Assert.Contains("Two-factor sign-in is on.", refused);
        }
        using (var later = new Browser(Factory))
        {
            var signIn = await later.SignInAsync(School, email, People.StaffPassword);
            Assert.Contains($"{School}/login/two-factor", signIn.Headers.Location!.ToString());
        }

        Assert.Equal(HttpStatusCode.Redirect, (await TwoFactorFormAsync(person, "Disable", People.StaffPassword)).StatusCode);
        Assert.DoesNotContain("Two-factor sign-in is on.", await person.GetPageAsync($"{School}/account/two-factor"));

        (key, _) = await Accounts.EnrolAsync(person, School);
        Assert.Equal(HttpStatusCode.Redirect, (await TwoFactorFormAsync(person, "Disable", Totp.Code(key, DateTimeOffset.UtcNow))).StatusCode);
        Assert.DoesNotContain("Two-factor sign-in is on.", await person.GetPageAsync($"{School}/account/two-factor"));

        var audit = await AuditOfAsync(email);
        // The account is named beside its id.
        Assert.Matches("<td>sign-in two-factor-disabled</td><td>\\s*<span class=\"subject-name\">[^<]+</span><br /><small>user:", audit);
        Assert.Contains("<td></td><td>password</td>", audit);
        Assert.Contains("<td></td><td>authenticator code</td>", audit);
        Assert.Contains("sign-in two-factor-enabled", audit);
    }

    [Fact]
    public async Task New_recovery_codes_need_the_password_or_a_current_code_and_are_audited()
    {
        var (person, email) = await NewStaffAsync();
        using var browser = person;
        var (key, oldCodes) = await Accounts.EnrolAsync(person, School);

        var refused = await Accounts.TextAsync(await TwoFactorFormAsync(person, "NewCodes", ""));
        Assert.Contains("To make new recovery codes, enter your current password or the code your authenticator app shows now.", refused);
        Assert.Empty(Accounts.RecoveryCodes(refused));
        Assert.Contains("You have 10 recovery codes left.", refused);
        Assert.True(await SignsInWithRecoveryCodeAsync(email, oldCodes[0]), "The old recovery codes stopped working although nothing was changed.");

        var made = await Accounts.TextAsync(await TwoFactorFormAsync(person, "NewCodes", Totp.Code(key, DateTimeOffset.UtcNow)));
        var newCodes = Accounts.RecoveryCodes(made);
        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));
        Assert.False(await SignsInWithRecoveryCodeAsync(email, oldCodes[1]));
        Assert.True(await SignsInWithRecoveryCodeAsync(email, newCodes[0]));

        Assert.Equal(10, Accounts.RecoveryCodes(await Accounts.TextAsync(await TwoFactorFormAsync(person, "NewCodes", People.StaffPassword))).Count);
        var audit = await AuditOfAsync(email);
        Assert.Contains("<td>sign-in recovery-codes-reissued</td>", audit);
        Assert.Contains("<td></td><td>authenticator code</td>", audit);
        Assert.Contains("<td></td><td>password</td>", audit);
    }

    /// <summary>Six digits the authenticator does not show around now.</summary>
    private static string NotTheCode(string key)
    {
        var near = Enumerable.Range(-3, 7).Select(step => Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 10).Select(n => new string((char)('0' + n), 6)).First(code => !near.Contains(code));
    }

    private async Task<(Browser Person, string Email)> NewStaffAsync()
    {
        using var admin = await Factory.AlphaHeadAsync();
        var email = await Accounts.CreateAsync(admin, School, "Careful", "Staff");
        return (await Factory.SignedInAsync(School, email, People.StaffPassword), email);
    }

    private static Task<HttpResponseMessage> TwoFactorFormAsync(Browser person, string handler, string proof)
        => person.SubmitAsync($"{School}/account/two-factor", [new("Proof", proof)], $"{School}/account/two-factor?handler={handler}");

    private async Task<bool> SignsInWithRecoveryCodeAsync(string email, string code)
    {
        using var lostPhone = new Browser(Factory);
        await lostPhone.SignInAsync(School, email, People.StaffPassword);
        var recovered = await lostPhone.SubmitAsync($"{School}/login/recovery", [new("RecoveryCode", code)]);
        return recovered.StatusCode == HttpStatusCode.Redirect;
    }

    private async Task<string> AuditOfAsync(string email)
    {
        using var admin = await Factory.AlphaHeadAsync();
        var id = await Accounts.UserIdAsync(admin, School, email);
        return WebUtility.HtmlDecode(await admin.GetPageAsync($"{School}/admin/audit?subject=user:{id}"));
    }
}

public sealed class TwoFactorOnSqlite(SqliteSchools fixture) : TwoFactorTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class TwoFactorOnPostgreSql(PostgreSqlSchools fixture) : TwoFactorTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
