using System.Net;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Users;

/// <summary>Forgot password, a reset sent by an administrator, and changing one's own password, on a school and on the trust.</summary>
public abstract class PasswordRecoveryTests<TFixture>(TFixture fixture) where TFixture : AccountsFixture
{
    private const string School = AccountsFixture.School;
    private const string First = "first chosen password";
    private const string Second = "second chosen password";

    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task Forgot_password_answers_the_same_for_an_unknown_address_and_sends_nothing()
    {
        using var head = await fixture.HeadAsync();
        var known = await Invited.InviteAndAcceptAsync(Factory, fixture.Mail, head, School, "Kim Known", First, "Staff");
        var leaver = await Invited.InviteAndAcceptAsync(Factory, fixture.Mail, head, School, "Lee Leaver", First, "Staff");
        var leaverId = await Accounts.UserIdAsync(head, School, leaver);
        await head.SubmitAsync($"{School}/admin/users/{leaverId}", [], $"{School}/admin/users/{leaverId}?handler=Disable");
        const string unknown = "nobody.here@school.example";

        using var stranger = new Browser(Factory);
        Assert.Contains("href=\"/gamma/forgot-password\"", await stranger.GetPageAsync($"{School}/login"));
        var forUnknown = await ForgotAsync(stranger, unknown);
        var forLeaver = await ForgotAsync(stranger, leaver);
        var forKnown = await ForgotAsync(stranger, known);
        Assert.Contains($"If {unknown} belongs to an account here, a link to choose a new password is on its way to it.", forUnknown);
        Assert.Equal(forKnown.Replace(known, "ADDRESS"), forUnknown.Replace(unknown, "ADDRESS"));
        Assert.Equal(forKnown.Replace(known, "ADDRESS"), forLeaver.Replace(leaver, "ADDRESS"));

        // Mail goes out in the order it was asked for: once the known address has its e-mail, nothing else is coming.
        var message = await Invited.MessageAsync(fixture.Mail, known, "Choose a new password for Gamma Primary");
        Assert.Contains("Someone, we hope you, asked to reset the password", message.TextBody);
        Assert.Contains("for 24 hours", message.TextBody);
        Assert.DoesNotContain(fixture.Mail.Messages, m => Invited.To(m, unknown) || (Invited.To(m, leaver) && Invited.Subject(m).StartsWith("Choose", StringComparison.Ordinal)));

        // Asking again at once sends nothing more; a while later, a new link replaces the first.
        await ForgotAsync(stranger, known);
        fixture.Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await ForgotAsync(stranger, known);
        var newer = await Invited.LinkAsync(fixture.Mail, known, "Choose a new password", nth: 2);
        Assert.Equal(2, fixture.Mail.Messages.Count(m => Invited.To(m, known) && Invited.Subject(m).StartsWith("Choose", StringComparison.Ordinal)));
        using var person = new Browser(Factory);
        Assert.Contains("This link no longer works", (await Invited.OpenAsync(person, Invited.LinkIn(message))).Page);
        Assert.Contains("Choose a new password", (await Invited.OpenAsync(person, newer)).Page);

        var audit = await InvitationTests<TFixture>.AuditAsync(head, known);
        Assert.Contains("<td>sign-in password-reset-requested</td>", audit);
        Assert.DoesNotContain(unknown, WebUtility.HtmlDecode(await head.GetPageAsync($"{School}/admin/audit")));
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_once_ends_other_sessions_and_unlocks_the_account()
    {
        using var head = await fixture.HeadAsync();
        var email = await Invited.InviteAndAcceptAsync(Factory, fixture.Mail, head, School, "Rae Reset", First, "Editor");
        using var elsewhere = await Factory.SignedInAsync(School, email, First);
        using var stranger = new Browser(Factory);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await stranger.SignInAsync(School, email, $"a wrong guess {attempt}");
        }

        await ForgotAsync(stranger, email);
        var link = await Invited.LinkAsync(fixture.Mail, email, "Choose a new password");
        using var person = new Browser(Factory);
        var opened = await Invited.OpenAsync(person, link);
        Assert.Contains("Choose a new password", opened.Page);
        Assert.Contains("you are signed out everywhere else", opened.Page);
        Assert.Equal(HttpStatusCode.Redirect, (await Invited.ChoosePasswordAsync(person, link, Second)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync($"{School}/admin")).StatusCode);
        await person.SignInOrFailAsync(School, email, Second);
        using var old = new Browser(Factory);
        Assert.Contains(InvitationTests<TFixture>.PasswordSignInText, await Accounts.TextAsync(await old.SignInAsync(School, email, First)));
        Assert.Contains("This link no longer works", (await Invited.OpenAsync(person, link)).Page);

        var audit = await InvitationTests<TFixture>.AuditAsync(head, email);
        Assert.Contains("<td>sign-in password-reset-completed</td>", audit);
        Assert.Contains("link the person asked for", audit);
    }

    [Fact]
    public async Task An_administrator_sends_a_reset_and_the_current_password_works_until_it_is_used()
    {
        using var head = await fixture.HeadAsync();
        var email = await Invited.InviteAndAcceptAsync(Factory, fixture.Mail, head, School, "Ada Admin Reset", First, "Staff");
        var id = await Accounts.UserIdAsync(head, School, email);

        var sent = await Accounts.TextAsync(await head.SubmitAsync($"{School}/admin/users/{id}", [], $"{School}/admin/users/{id}?handler=SendReset"));
        Assert.Contains($"We have sent Ada Admin Reset a link at {email} to choose a new password.", sent);
        var message = await Invited.MessageAsync(fixture.Mail, email, "Choose a new password");
        Assert.Contains("School administrator has sent you a link to choose a new password", message.TextBody);
        using (var still = new Browser(Factory))
        {
            await still.SignInOrFailAsync(School, email, First);
        }

        using var person = new Browser(Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await Invited.ChoosePasswordAsync(person, Invited.LinkIn(message), Second)).StatusCode);
        await person.SignInOrFailAsync(School, email, Second);

        var audit = await InvitationTests<TFixture>.AuditAsync(head, email);
        Assert.Contains("<td>sign-in password-reset-sent</td>", audit);
        Assert.Contains("link sent by School administrator", audit);
    }

    [Fact]
    public async Task Only_someone_who_could_give_the_persons_roles_may_send_them_a_reset()
    {
        using var head = await fixture.HeadAsync();
        var headteacher = await Invited.InviteAndAcceptAsync(Factory, fixture.Mail, head, School, "Hana Headteacher", First, "Headteacher");
        var teacher = await Invited.InviteAndAcceptAsync(Factory, fixture.Mail, head, School, "Tom Teacher", First, "Staff");
        var administrator = await Accounts.UserIdAsync(head, School, AccountsFixture.Head);
        var teacherId = await Accounts.UserIdAsync(head, School, teacher);

        using var byHeadteacher = await Factory.SignedInAsync(School, headteacher, First);
        var refused = await Accounts.TextAsync(await byHeadteacher.SubmitAsync($"{School}/admin/users/{administrator}", [],
            $"{School}/admin/users/{administrator}?handler=SendReset"));
        Assert.Contains("holds a role you cannot give (Administrator), so you cannot change their account. Ask an Administrator to do it.", refused);
        var allowed = await Accounts.TextAsync(await byHeadteacher.SubmitAsync($"{School}/admin/users/{teacherId}", [],
            $"{School}/admin/users/{teacherId}?handler=SendReset"));
        Assert.Contains("We have sent Tom Teacher a link", allowed);
        await Invited.MessageAsync(fixture.Mail, teacher, "Choose a new password");
        Assert.DoesNotContain(fixture.Mail.Messages, m => Invited.To(m, AccountsFixture.Head));

        using var staff = await Factory.SignedInAsync(School, teacher, First);
        var forbidden = await staff.Http.GetAsync($"{School}/admin/users/{administrator}");
        Assert.NotEqual(HttpStatusCode.OK, forbidden.StatusCode);
    }

    [Fact]
    public async Task Changing_your_password_needs_the_current_one_keeps_this_session_and_ends_the_others()
    {
        using var head = await fixture.HeadAsync();
        var email = await Invited.InviteAndAcceptAsync(Factory, fixture.Mail, head, School, "Cy Changer", First, "Contributor");
        using var here = await Factory.SignedInAsync(School, email, First);
        using var elsewhere = await Factory.SignedInAsync(School, email, First);
        Assert.Contains("href=\"/gamma/account/password\"", await here.GetPageAsync($"{School}/admin"));

        var wrong = await Accounts.TextAsync(await here.SubmitAsync($"{School}/account/password",
            ("Input.Current", "not my password at all"), ("Input.Password", Second), ("Input.Confirm", Second)));
        Assert.Contains("Your current password is not right. If you have forgotten it, sign out and use \"Forgot your password?\"", wrong);
        var changed = await Accounts.TextAsync(await here.SubmitAsync($"{School}/account/password",
            ("Input.Current", First), ("Input.Password", Second), ("Input.Confirm", Second)));
        Assert.Contains("Your password is changed.", changed);

        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync($"{School}/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync($"{School}/admin")).StatusCode);
        using var old = new Browser(Factory);
        Assert.Contains(InvitationTests<TFixture>.PasswordSignInText, await Accounts.TextAsync(await old.SignInAsync(School, email, First)));
        await old.SignInOrFailAsync(School, email, Second);
        Assert.Contains("<td>sign-in password-changed</td>", await InvitationTests<TFixture>.AuditAsync(head, email));
    }

    [Fact]
    public async Task The_trust_dashboard_has_forgot_password_too()
    {
        using var stranger = new Browser(Factory);
        Assert.Contains("href=\"/forgot-password\"", await stranger.GetPageAsync("/login"));
        Assert.Contains("a trust administrator", await ForgotAsync(stranger, SchoolSiteFactory.TrustAdminEmail));
        var link = await Invited.LinkAsync(fixture.Mail, SchoolSiteFactory.TrustAdminEmail, "Choose a new password");
        Assert.StartsWith("/set-password/", link);

        using var admin = new Browser(Factory);
        var saved = await Invited.ChoosePasswordAsync(admin, link, "trust admin new password");
        Assert.Equal("/login?passwordSet=True", saved.Headers.Location!.OriginalString);
        await admin.SignInOrFailAsync(string.Empty, SchoolSiteFactory.TrustAdminEmail, "trust admin new password");
        // The link was the trust's: it opens nothing at a school.
        Assert.Contains("This link no longer works", (await Invited.OpenAsync(admin, School + link)).Page);
    }

    private static async Task<string> ForgotAsync(Browser browser, string email)
    {
        var pathBase = email.EndsWith("@trust.example", StringComparison.Ordinal) ? string.Empty : School;
        var response = await browser.SubmitAsync($"{pathBase}/forgot-password", ("Input.Email", email));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Accounts.TextAsync(response);
    }
}

public sealed class PasswordRecoveryOnSqlite(SqliteAccounts fixture) : PasswordRecoveryTests<SqliteAccounts>(fixture), IClassFixture<SqliteAccounts>;

public sealed class PasswordRecoveryOnPostgreSql(PostgreSqlAccounts fixture) : PasswordRecoveryTests<PostgreSqlAccounts>(fixture), IClassFixture<PostgreSqlAccounts>;
