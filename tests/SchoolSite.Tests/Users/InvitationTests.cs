using System.Net;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Users;

/// <summary>New people are invited by e-mail and choose their own password; the administrator never sees or sets it.</summary>
public abstract class InvitationTests<TFixture>(TFixture fixture) where TFixture : AccountsFixture
{
    private const string School = AccountsFixture.School;
    private const string Chosen = "bluebells in the wood";

    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_new_user_gets_an_invitation_chooses_their_password_and_signs_in()
    {
        using var head = await fixture.HeadAsync();
        var form = await head.GetPageAsync($"{School}/admin/users/create");
        Assert.DoesNotContain("Input.Password", form);
        Assert.Contains("We will e-mail the person an invitation", form);

        // A password sent anyway is not used: the person is invited all the same.
        var email = "nia.new@school.example";
        var sent = await Accounts.TextAsync(await head.SubmitAsync($"{School}/admin/users/create",
            ("Input.DisplayName", "Nia New"), ("Input.Email", email), ("Input.Password", "admin chosen password"), ("Input.Roles", "Editor")));
        Assert.Contains($"We have sent Nia New an invitation at {email}.", sent);
        Assert.Contains("Invited, not signed in yet", await head.GetPageAsync($"{School}/admin/users"));

        var message = await Invited.MessageAsync(fixture.Mail, email, "You have been invited to Gamma Primary");
        Assert.Equal("Gamma Primary", message.From.Mailboxes.Single().Name);
        Assert.Contains("has added you to the website dashboard of Gamma Primary", message.TextBody);
        Assert.Contains("The link works once, for 7 days.", message.TextBody);
        var link = Invited.LinkIn(message);
        Assert.DoesNotContain(await Accounts.UserIdAsync(head, School, email), link);

        using var person = new Browser(Factory);
        var before = await person.SignInAsync(School, email, "admin chosen password");
        Assert.Contains(PasswordSignInText, await Accounts.TextAsync(before));
        var opened = await Invited.OpenAsync(person, link);
        Assert.Contains("Choose your password", opened.Page);
        Assert.Contains($"value=\"{email}\"", opened.Page);

        var differ = await Accounts.TextAsync(await Invited.ChoosePasswordAsync(person, link, Chosen, "bluebells in the field"));
        Assert.Contains("The two passwords are not the same", differ);
        var common = await Accounts.TextAsync(await Invited.ChoosePasswordAsync(person, link, "password1234"));
        Assert.Contains("commonly used passwords", common);
        var saved = await Invited.ChoosePasswordAsync(person, link, Chosen);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"{School}/login?passwordSet=True", saved.Headers.Location!.OriginalString);
        Assert.Contains("Your password is saved.", await person.GetPageAsync(saved.Headers.Location.OriginalString));

        await person.SignInOrFailAsync(School, email, Chosen);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync($"{School}/admin")).StatusCode);
        var users = await head.GetPageAsync($"{School}/admin/users");
        Assert.DoesNotContain("Invited, not signed in yet", users);
        Assert.Equal("Editor", await Accounts.RolesOfAsync(head, School, email));

        var audit = await AuditAsync(head, email);
        Assert.Contains("<td>users created</td>", audit);
        Assert.Contains("<td>users invitation-sent</td>", audit);
        Assert.Contains("<td>users invitation-accepted</td>", audit);
        Assert.DoesNotContain(link.Split('/')[^1], audit);
    }

    [Fact]
    public async Task An_invitation_link_works_once_even_when_opened_twice()
    {
        using var head = await fixture.HeadAsync();
        var email = await Invited.InviteAsync(head, School, "Owen Once");
        var link = await Invited.LinkAsync(fixture.Mail, email, "You have been invited");

        using var first = new Browser(Factory);
        using var second = new Browser(Factory);
        var firstOpen = await Invited.OpenAsync(first, link);
        var secondOpen = await Invited.OpenAsync(second, link);
        Assert.Equal(HttpStatusCode.Redirect, (await Invited.SaveOpenedAsync(first, link, firstOpen.Token!, Chosen)).StatusCode);

        var refused = await Accounts.TextAsync(await Invited.SaveOpenedAsync(second, link, secondOpen.Token!, "someone else's password"));
        Assert.Contains("This link no longer works", refused);
        Assert.Contains("ask for a new link", refused);
        Assert.Contains("This link no longer works", (await Invited.OpenAsync(second, link)).Page);
        Assert.Null((await Invited.OpenAsync(second, link)).Token);

        using var person = new Browser(Factory);
        await person.SignInOrFailAsync(School, email, Chosen);
        using var other = new Browser(Factory);
        Assert.Contains(PasswordSignInText, await Accounts.TextAsync(await other.SignInAsync(School, email, "someone else's password")));
    }

    [Fact]
    public async Task An_invitation_runs_out_after_seven_days_and_a_new_one_replaces_it()
    {
        using var head = await fixture.HeadAsync();
        var email = await Invited.InviteAsync(head, School, "Lola Late");
        var link = await Invited.LinkAsync(fixture.Mail, email, "You have been invited");
        var id = await Accounts.UserIdAsync(head, School, email);
        Assert.Contains("works until 9 Nov", WebUtility.HtmlDecode(await head.GetPageAsync($"{School}/admin/users/{id}")));

        fixture.Factory.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        using var person = new Browser(Factory);
        var expired = await Invited.OpenAsync(person, link);
        Assert.Contains("This link no longer works", expired.Page);
        Assert.Contains("ask your school's administrator to send it again", expired.Page);

        using var later = await fixture.HeadAsync();
        Assert.Contains("has run out", WebUtility.HtmlDecode(await later.GetPageAsync($"{School}/admin/users/{id}")));
        var resent = await Accounts.TextAsync(await later.SubmitAsync($"{School}/admin/users/{id}", [], $"{School}/admin/users/{id}?handler=ResendInvitation"));
        Assert.Contains($"We have sent the invitation to {email} again.", resent);
        var fresh = await Invited.LinkAsync(fixture.Mail, email, "You have been invited", nth: 2);
        Assert.NotEqual(link, fresh);
        Assert.Contains("This link no longer works", (await Invited.OpenAsync(person, link)).Page);
        Assert.Equal(HttpStatusCode.Redirect, (await Invited.ChoosePasswordAsync(person, fresh, Chosen)).StatusCode);
        await person.SignInOrFailAsync(School, email, Chosen);
        Assert.Contains("<td>users invitation-resent</td>", await AuditAsync(later, email));
    }

    [Fact]
    public async Task Cancelling_an_invitation_removes_the_unused_account_and_its_link_stops_working()
    {
        using var head = await fixture.HeadAsync();
        var email = await Invited.InviteAsync(head, School, "Carl Cancelled", "Staff");
        var link = await Invited.LinkAsync(fixture.Mail, email, "You have been invited");
        var id = await Accounts.UserIdAsync(head, School, email);

        var cancelled = await head.SubmitAsync($"{School}/admin/users/{id}", [], $"{School}/admin/users/{id}?handler=CancelInvitation");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.DoesNotContain(email, await head.GetPageAsync($"{School}/admin/users"));
        using var person = new Browser(Factory);
        Assert.Contains("This link no longer works", (await Invited.OpenAsync(person, link)).Page);

        var audit = WebUtility.HtmlDecode(await head.GetPageAsync($"{School}/admin/audit?subject=user:{id}"));
        Assert.Contains("<td>users invitation-cancelled</td>", audit);
        Assert.Contains($"<td>{email}</td>", audit);

        // Someone who has accepted cannot be "cancelled": the page offers a reset instead, and disabling.
        var accepted = await Invited.InviteAndAcceptAsync(Factory, fixture.Mail, head, School, "Ann Accepted", Chosen, "Staff");
        var acceptedId = await Accounts.UserIdAsync(head, School, accepted);
        var page = await head.GetPageAsync($"{School}/admin/users/{acceptedId}");
        Assert.DoesNotContain("Cancel the invitation", page);
        Assert.Contains("Send a link to choose a new password", page);
        var refused = await Accounts.TextAsync(await head.SubmitAsync($"{School}/admin/users/{acceptedId}", [],
            $"{School}/admin/users/{acceptedId}?handler=CancelInvitation"));
        Assert.Contains("has already accepted their invitation, so it cannot be cancelled. To stop them signing in, disable the account.", refused);
    }

    internal const string PasswordSignInText = "The e-mail address or password is not right";

    internal static async Task<string> AuditAsync(Browser head, string email)
        => WebUtility.HtmlDecode(await head.GetPageAsync($"{School}/admin/audit?subject=user:{await Accounts.UserIdAsync(head, School, email)}"));
}

public sealed class InvitationsOnSqlite(SqliteAccounts fixture) : InvitationTests<SqliteAccounts>(fixture), IClassFixture<SqliteAccounts>;

public sealed class InvitationsOnPostgreSql(PostgreSqlAccounts fixture) : InvitationTests<PostgreSqlAccounts>(fixture), IClassFixture<PostgreSqlAccounts>;
