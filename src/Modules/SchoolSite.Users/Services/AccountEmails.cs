using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>The wording of the account e-mails: who sent it and why, the link, how long it works, and what to do if it was not expected.</summary>
public static class AccountEmails
{
    /// <summary>The page a link opens, under the tenant's address.</summary>
    public static string Link(string linkBase, string token) => $"{linkBase}/set-password/{token}";

    public static AccountMessage Invitation(SchoolUser user, string siteName, string invitedBy, string linkBase, string token)
    {
        var link = Link(linkBase, token);
        var text = $"""
            Hello {user.DisplayName},

            {invitedBy} has added you to the website dashboard of {siteName}. To finish setting up your account, choose your password here:

            {link}

            The link works once, for {Days(AccountLinks.InvitationLifetime)}. After that, ask {invitedBy} or another administrator to send a new invitation.
            You will sign in with this e-mail address: {user.Email}

            If you were not expecting this, you can ignore this e-mail: nothing happens unless the link is used.
            """;
        return new AccountMessage(user.Email!, user.DisplayName, siteName, $"You have been invited to {siteName}", text, link);
    }

    /// <summary>A link to choose a new password; <paramref name="sentBy"/> is the administrator who sent it, or null when the person asked.</summary>
    public static AccountMessage Reset(SchoolUser user, string siteName, string? sentBy, string linkBase, string token)
    {
        var link = Link(linkBase, token);
        var why = sentBy is null
            ? $"Someone, we hope you, asked to reset the password of your account at {siteName}."
            : $"{sentBy} has sent you a link to choose a new password for your account at {siteName}.";
        var text = $"""
            Hello {user.DisplayName},

            {why} To choose a new password, open this link:

            {link}

            The link works once, for {AccountLinks.ResetLifetime.TotalHours:0} hours. Until you use it, your current password keeps working.

            If you did not ask for this, you can ignore this e-mail: nothing changes unless the link is used. If it keeps happening, tell your school's administrator.
            """;
        return new AccountMessage(user.Email!, user.DisplayName, siteName, $"Choose a new password for {siteName}", text, link);
    }

    private static string Days(TimeSpan span) => $"{span.TotalDays:0} days";
}
