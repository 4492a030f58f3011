using Microsoft.Extensions.Logging;

namespace SchoolSite.Users.Services;

/// <summary>An e-mail carrying a link to choose a password (an invitation or a reset); <see cref="Link"/> is also in <see cref="Text"/>.</summary>
public sealed record AccountMessage(string To, string? ToName, string FromName, string Subject, string Text, string Link);

/// <summary>
/// Sends the e-mails of account recovery. Queued, never waited for: a slow mail server must not hold up the page,
/// and "forgot password" must answer as quickly for an unknown address as for a known one. The Notifications
/// module sends them over the trust's SMTP server; without one, the links are written to the log.
/// </summary>
public interface IAccountMail
{
    void Queue(AccountMessage message);
}

/// <summary>Where no mail server is set up (a trial, the demo): the person running the site reads the link in the log.</summary>
public sealed class LoggedAccountMail(ILogger<LoggedAccountMail> logger) : IAccountMail
{
    public void Queue(AccountMessage message) => Write(logger, message);

    public static void Write(ILogger logger, AccountMessage message)
        => logger.LogWarning("No SMTP server is set up (SchoolSite:Smtp:Host), so this e-mail was not sent. To {To}: \"{Subject}\". Its link: {Link}",
            message.To, message.Subject, message.Link);
}
