using System.Threading.Channels;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;
using SchoolSite.Users.Services;

namespace SchoolSite.Notifications.Services;

/// <summary>
/// Sends account e-mails (invitations, password resets) over the trust's SMTP server, in the background. They carry a
/// secret link, so unlike notifications they are held only in memory, never written to the database in clear: a
/// failure is tried again after 1, 2, 4… minutes (at most an hour apart) for as long as a reset link works; if the host
/// stops first, the person asks again or an administrator sends it again. Without an SMTP server the link goes to the log.
/// </summary>
public sealed class AccountMailSender(IConfiguration configuration, TimeProvider time, ILogger<AccountMailSender> logger) : BackgroundService, IAccountMail
{
    private sealed record Attempt(AccountMessage Message, int Tries, DateTime GiveUpUtc);

    private readonly Channel<Attempt> _queue = Channel.CreateUnbounded<Attempt>();

    public void Queue(AccountMessage message)
    {
        if (SmtpOptions.Read(configuration).Host is null)
        {
            LoggedAccountMail.Write(logger, message);
            return;
        }
        _queue.Writer.TryWrite(new Attempt(message, 0, time.GetUtcNow().UtcDateTime + AccountLinks.ResetLifetime));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var attempt in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SendAsync(attempt.Message, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                var pause = TimeSpan.FromMinutes(Math.Min(60, Math.Pow(2, attempt.Tries)));
                if (time.GetUtcNow().UtcDateTime + pause >= attempt.GiveUpUtc)
                {
                    logger.LogError(exception, "Gave up sending \"{Subject}\" to {To}: its link would no longer work", attempt.Message.Subject, attempt.Message.To);
                    continue;
                }
                logger.LogWarning(exception, "Could not send \"{Subject}\" to {To}; trying again in {Minutes} minutes", attempt.Message.Subject, attempt.Message.To, pause.TotalMinutes);
                _ = RetryAfterAsync(attempt with { Tries = attempt.Tries + 1 }, pause, stoppingToken);
            }
        }
    }

    private async Task RetryAfterAsync(Attempt attempt, TimeSpan pause, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(pause, time, cancellationToken);
            _queue.Writer.TryWrite(attempt);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task SendAsync(AccountMessage message, CancellationToken cancellationToken)
    {
        var options = SmtpOptions.Read(configuration);
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(message.FromName, options.From));
        mail.To.Add(new MailboxAddress(message.ToName ?? string.Empty, message.To));
        mail.Subject = message.Subject;
        mail.Body = new TextPart("plain") { Text = message.Text };
        using var client = new SmtpClient();
        await options.ConnectAsync(client, cancellationToken);
        await client.SendAsync(mail, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }
}
