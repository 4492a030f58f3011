using System.Net;
using System.Text.RegularExpressions;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Users;

/// <summary>Signing in, being locked out, being disabled, passwords and two-factor, per school.</summary>
public abstract partial class SignInTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var email = await CreateStaffAsync("locked", "the right password");
        using var browser = new Browser(Factory);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await browser.SignInAsync("/alpha", email, $"wrong password {attempt}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var right = await browser.SignInAsync("/alpha", email, "the right password");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("or there have been too many attempts; try again in 15 minutes", await right.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/alpha/admin")).StatusCode);
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_open_session_on_the_next_request()
    {
        var email = await CreateStaffAsync("leaver", "leaver password 123");
        using var staff = new Browser(Factory);
        await staff.SignInOrFailAsync("/alpha", email, "leaver password 123");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/alpha/admin")).StatusCode);

        using var admin = await AdminAsync();
        var userId = await UserIdAsync(admin, email);
        var disabled = await admin.SubmitAsync($"/alpha/admin/users/{userId}", [], $"/alpha/admin/users/{userId}?handler=Disable");
        Assert.Contains("sessions have ended", await disabled.Content.ReadAsStringAsync());

        var next = await staff.GetAsync("/alpha/admin");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Contains("/alpha/login", next.Headers.Location!.ToString());

        using var again = new Browser(Factory);
        var refused = await again.SignInAsync("/alpha", email, "leaver password 123");
        Assert.Contains("cannot sign in", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Short_and_common_passwords_are_refused_with_the_form_kept()
    {
        using var admin = await AdminAsync();
        foreach (var (password, message) in new[] { ("short pass", "at least 12 characters"), ("password1234", "commonly used passwords") })
        {
            var response = await admin.SubmitAsync("/alpha/admin/users/create",
                ("Input.DisplayName", "Kept Name"), ("Input.Email", "kept.name@example.org"), ("Input.Password", password));
            var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains(message, page);
            Assert.Contains("value=\"kept.name@example.org\"", page);
            Assert.Contains("value=\"Kept Name\"", page);
        }
        // No rules about symbols or digits: a long plain phrase is fine.
        var ok = await admin.SubmitAsync("/alpha/admin/users/create",
            ("Input.DisplayName", "Plain Phrase"), ("Input.Email", "plain.phrase@example.org"), ("Input.Password", "correct horse battery"));
        Assert.Contains("can now sign in", await ok.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_role_without_the_permission_is_refused_and_gets_it_when_the_role_changes()
    {
        var email = await CreateStaffAsync("helper", "helper password 123");
        using var staff = new Browser(Factory);
        await staff.SignInOrFailAsync("/alpha", email, "helper password 123");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/alpha/admin")).StatusCode);
        var refused = await staff.GetAsync("/alpha/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/alpha/access-denied", refused.Headers.Location!.ToString());

        using var admin = await AdminAsync();
        var staffRole = await admin.GetPageAsync("/alpha/admin/roles/Staff");
        var granted = PermissionBoxes().Matches(staffRole).Where(m => m.Groups[2].Success).Select(m => m.Groups[1].Value).ToList();
        var saved = await admin.SubmitAsync("/alpha/admin/roles/Staff",
            granted.Append("ViewUsers").Select(p => new KeyValuePair<string, string>("Selected", p)));
        Assert.Contains("Permissions saved", await saved.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/alpha/admin/users")).StatusCode);
        // Another school's Staff role is untouched.
        using var betaAdmin = new Browser(Factory);
        await betaAdmin.SignInOrFailAsync("/beta", TwoSchoolsFixture.BetaAdmin, TwoSchoolsFixture.AdminPassword);
        var betaStaff = await betaAdmin.GetPageAsync("/beta/admin/roles/Staff");
        Assert.DoesNotMatch("value=\"ViewUsers\" checked", betaStaff);
    }

    [Fact]
    public async Task Two_factor_sign_in_with_an_authenticator_app_and_a_recovery_code()
    {
        var email = await CreateStaffAsync("careful", "careful password 1");
        using var staff = new Browser(Factory);
        await staff.SignInOrFailAsync("/alpha", email, "careful password 1");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/alpha/admin")).StatusCode);
        var enrol = await staff.GetPageAsync("/alpha/account/two-factor");
        var key = SharedKey().Match(enrol).Groups[1].Value;
        Assert.NotEmpty(key);

        var enabled = await staff.SubmitAsync("/alpha/account/two-factor", [new("Code", Totp.Code(key, DateTimeOffset.UtcNow))],
            "/alpha/account/two-factor?handler=Enable");
        var codesPage = await enabled.Content.ReadAsStringAsync();
        var recoveryCodes = RecoveryCode().Matches(codesPage).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recoveryCodes.Count);

        using var later = new Browser(Factory);
        var first = await later.SignInAsync("/alpha", email, "careful password 1");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Contains("/alpha/login/two-factor", first.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, (await later.GetAsync("/alpha/admin")).StatusCode);
        var second = await later.SubmitAsync(first.Headers.Location!.ToString(), [new("Code", Totp.Code(key, DateTimeOffset.UtcNow))]);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/alpha/admin")).StatusCode);

        using var lostPhone = new Browser(Factory);
        await lostPhone.SignInAsync("/alpha", email, "careful password 1");
        var recovered = await lostPhone.SubmitAsync("/alpha/login/recovery", [new("RecoveryCode", recoveryCodes[0])]);
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await lostPhone.GetAsync("/alpha/admin")).StatusCode);
    }

    [Fact]
    public async Task When_the_school_requires_two_factor_staff_enrol_at_their_next_sign_in()
    {
        await Factory.CreateSchoolAsync("strict", "Strict High", "strict");
        using var head = new Browser(Factory);
        await head.SignInOrFailAsync("/strict", "head@strict.example", TwoSchoolsFixture.AdminPassword);
        var settings = await head.GetPageAsync("/strict/admin/settings");
        var fields = InputValue().Matches(settings)
            .Select(m => new KeyValuePair<string, string>(m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value)))
            .Where(f => f.Key.StartsWith("Input.") && f.Key != "Input.RequireTwoFactorForStaff")
            .Append(new("Input.RequireTwoFactorForStaff", "true"));
        var saved = await head.SubmitAsync("/strict/admin/settings", fields);
        var savedPage = await saved.Content.ReadAsStringAsync();
        Assert.True(savedPage.Contains("Settings saved"), Browser.ErrorText(savedPage) + string.Join(",", fields.Select(f => f.Key)));

        // The head, already signed in, is sent to enrol before any other admin page.
        var dashboard = await head.GetAsync("/strict/admin");
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Contains("/strict/account/two-factor", dashboard.Headers.Location!.ToString());

        using var again = new Browser(Factory);
        var signIn = await again.SignInAsync("/strict", "head@strict.example", TwoSchoolsFixture.AdminPassword);
        Assert.Contains("/strict/account/two-factor", signIn.Headers.Location!.ToString());
        var enrol = await again.GetPageAsync(signIn.Headers.Location!.ToString());
        Assert.Contains("asks every member of staff to use an authenticator app", enrol);
        var key = SharedKey().Match(enrol).Groups[1].Value;
        await again.SubmitAsync("/strict/account/two-factor", [new("Code", Totp.Code(key, DateTimeOffset.UtcNow))],
            "/strict/account/two-factor?handler=Enable");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/strict/admin")).StatusCode);
    }

    private async Task<Browser> AdminAsync()
    {
        var admin = new Browser(Factory);
        await admin.SignInOrFailAsync("/alpha", TwoSchoolsFixture.AlphaAdmin, TwoSchoolsFixture.AdminPassword);
        return admin;
    }

    private async Task<string> CreateStaffAsync(string name, string password)
    {
        var email = $"{name}.{Guid.NewGuid():N}"[..24] + "@alpha.example";
        using var admin = await AdminAsync();
        var response = await admin.SubmitAsync("/alpha/admin/users/create",
            ("Input.DisplayName", name), ("Input.Email", email), ("Input.Password", password), ("Input.Roles", "Staff"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Contains("can now sign in"), Browser.ErrorText(body));
        return email;
    }

    private static async Task<string> UserIdAsync(Browser admin, string email)
    {
        var page = await admin.GetPageAsync("/alpha/admin/users");
        var match = Regex.Match(page, $"href=\"/alpha/admin/users/([0-9a-f-]+)\">[^<]*</a>\\s*</td>\\s*<td>{Regex.Escape(email)}</td>");
        Assert.True(match.Success, $"{email} is not on the users page.");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("<input[^>]*? name=\"([^\"]+)\"[^>]*? value=\"([^\"]*)\"")]
    private static partial Regex InputValue();

    [GeneratedRegex("<code class=\"key\">([a-z0-9 ]+)</code>")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li><code>([a-zA-Z0-9-]+)</code></li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex("name=\"Selected\" value=\"([A-Za-z]+)\"( checked=\"checked\")?")]
    private static partial Regex PermissionBoxes();
}

public sealed class SignInOnSqlite(SqliteSchools fixture) : SignInTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class SignInOnPostgreSql(PostgreSqlSchools fixture) : SignInTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
