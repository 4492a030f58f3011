using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Users;

/// <summary>
/// People added the way a school adds them: an invitation from the users page, its e-mail read from the SMTP sink,
/// and a password chosen on the page its link opens.
/// </summary>
public static partial class Invited
{
    /// <summary>Invites a person with these roles from the users page; returns their (new) e-mail address.</summary>
    public static async Task<string> InviteAsync(Browser admin, string pathBase, string name, params string[] roles)
    {
        var email = $"{name.ToLowerInvariant().Replace(' ', '.')}.{Guid.NewGuid():N}"[..24] + "@school.example";
        var fields = new List<KeyValuePair<string, string>> { new("Input.DisplayName", name), new("Input.Email", email) };
        fields.AddRange(roles.Select(r => new KeyValuePair<string, string>("Input.Roles", r)));
        var response = await admin.SubmitAsync($"{pathBase}/admin/users/create", fields);
        var page = await Accounts.TextAsync(response);
        Assert.True(page.Contains($"We have sent {name} an invitation at {email}."), Browser.ErrorText(page));
        return email;
    }

    /// <summary>Invites a person, and they accept with <paramref name="password"/>; returns their e-mail address.</summary>
    public static async Task<string> InviteAndAcceptAsync(SchoolSiteFactory factory, SmtpSink mail, Browser admin, string pathBase, string name,
        string password, params string[] roles)
    {
        var email = await InviteAsync(admin, pathBase, name, roles);
        using var person = new Browser(factory);
        var saved = await ChoosePasswordAsync(person, await LinkAsync(mail, email, "You have been invited"), password);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return email;
    }

    /// <summary>The <paramref name="nth"/> e-mail to <paramref name="email"/> whose subject starts so, once it has arrived.</summary>
    public static async Task<MimeMessage> MessageAsync(SmtpSink mail, string email, string subject, int nth = 1)
    {
        bool Matches(MimeMessage m) => To(m, email) && Subject(m).StartsWith(subject, StringComparison.Ordinal);
        await mail.WaitForAsync(_ => mail.Messages.Count(Matches) >= nth);
        return mail.Messages.Where(Matches).ElementAt(nth - 1);
    }

    /// <summary>The path of the link in the <paramref name="nth"/> e-mail to the person with this subject.</summary>
    public static async Task<string> LinkAsync(SmtpSink mail, string email, string subject, int nth = 1)
        => LinkIn(await MessageAsync(mail, email, subject, nth));

    public static string LinkIn(MimeMessage message)
    {
        var link = Link().Match(message.TextBody ?? string.Empty);
        Assert.True(link.Success, "No link in the e-mail: " + message.TextBody);
        return new Uri(link.Value).PathAndQuery;
    }

    public static string Subject(MimeMessage message) => message.Subject ?? string.Empty;

    public static bool To(MimeMessage message, string email)
        => message.To.Mailboxes.Any(m => string.Equals(m.Address, email, StringComparison.OrdinalIgnoreCase));

    /// <summary>Opens the link's page, then saves a password on it.</summary>
    public static async Task<HttpResponseMessage> ChoosePasswordAsync(Browser person, string link, string password, string? again = null)
        => await person.SubmitAsync(link, ("Input.Password", password), ("Input.Confirm", again ?? password));

    /// <summary>The link's page as it is now, and its antiforgery token (null when the page has no form), to save later.</summary>
    public static async Task<(string Page, string? Token)> OpenAsync(Browser person, string link)
    {
        var page = await person.GetPageAsync(link);
        var token = FormToken().Match(page);
        return (WebUtility.HtmlDecode(page), token.Success ? WebUtility.HtmlDecode(token.Groups[1].Value) : null);
    }

    /// <summary>Saves a password on a page opened earlier with <see cref="OpenAsync"/>.</summary>
    public static async Task<HttpResponseMessage> SaveOpenedAsync(Browser person, string link, string token, string password)
        => await person.Http.PostAsync(link, new FormUrlEncodedContent(
            [new("Input.Password", password), new("Input.Confirm", password), new("__RequestVerificationToken", token)]));

    [GeneratedRegex(@"https?://[^\s]+/set-password/ssp_[A-Za-z0-9_-]+")]
    private static partial Regex Link();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
