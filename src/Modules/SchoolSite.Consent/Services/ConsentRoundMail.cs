using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;
using SchoolSite.Notifications.Services;

namespace SchoolSite.Consent.Services;

/// <summary>
/// Sends a consent round's e-mails through the school's SMTP server: each contact asked gets their own link, made as the
/// e-mail goes (only its hash is kept); those whose pupil has no answer yet are reminded once, after the school's number
/// of school days, with a new link (the first stops working). A failed send is tried again next minute, five times.
/// </summary>
public sealed class ConsentRoundMail(TimeProvider time, IConfiguration configuration, ILogger<ConsentRoundMail> logger) : ISchoolJob
{
    public const string Sender = "consent round";
    private const int MostAttempts = 5, Batch = 200;

    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public string? Feature => Manifest.ConsentFeature;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var smtp = SmtpOptions.Read(configuration);
        var rounds = services.GetRequiredService<ConsentRounds>();
        if (smtp.Host is null || await rounds.OpenAsync() is not { } round)
        {
            return;
        }
        var db = services.GetRequiredService<ConsentDbContext>();
        var first = await db.Invitations.Where(i => i.RoundId == round.Id && i.Email != null && i.SentUtc == null && i.Attempts < MostAttempts)
            .OrderBy(i => i.Id).Take(Batch).ToListAsync(cancellationToken);
        var reminders = await DueRemindersAsync(services, round, cancellationToken);
        if (first.Count + reminders.Count == 0)
        {
            return;
        }
        var shell = services.GetRequiredService<TenantContext>().Shell;
        var names = (await db.People.AsNoTracking().Where(p => first.Concat(reminders).Select(i => i.PersonId).Contains(p.Id))
            .ToListAsync(cancellationToken)).ToDictionary(p => p.Id, p => p.PreferredFirstName ?? p.LegalFirstName);
        var links = services.GetRequiredService<ConsentLinks>();
        using var client = new SmtpClient();
        try
        {
            await smtp.ConnectAsync(client, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "The consent round's e-mails at {School} could not reach the SMTP server; they are tried again next minute", shell.Tenant.Name);
            return;
        }
        foreach (var (invitation, reminder) in first.Select(i => (i, false)).Concat(reminders.Select(i => (i, true))))
        {
            var child = names.GetValueOrDefault(invitation.PersonId, "your child");
            var (link, token) = await links.IssueAsync(invitation.PersonId, invitation.CarerName, round.ClosesUtc, Sender, invitation.CarerId, round.Id);
            try
            {
                await client.SendAsync(Message(smtp, shell, round, invitation, child, $"{round.Address}/consent/{token}", reminder), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                await links.RevokeAsync(invitation.PersonId, link.Id, Sender);
                invitation.Attempts++;
                invitation.LastError = exception.Message.Length > 400 ? exception.Message[..400] : exception.Message;
                continue;
            }
            if (reminder && invitation.LinkId is { } earlier)
            {
                await links.RevokeAsync(invitation.PersonId, earlier, Sender);
            }
            invitation.LinkId = link.Id;
            invitation.LastError = null;
            if (reminder)
            {
                invitation.RemindedUtc = time.GetUtcNow().UtcDateTime;
            }
            else
            {
                invitation.SentUtc = time.GetUtcNow().UtcDateTime;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }

    /// <summary>Now while e-mails are waiting; else the next morning a reminder could fall due; nothing once the round is closed.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await services.GetRequiredService<ConsentRounds>().OpenAsync() is not { } round)
        {
            return null;
        }
        var db = services.GetRequiredService<ConsentDbContext>();
        if (await db.Invitations.AnyAsync(i => i.RoundId == round.Id && i.Email != null && i.SentUtc == null && i.Attempts < MostAttempts, cancellationToken))
        {
            return now + Interval;
        }
        return await db.Invitations.AnyAsync(i => i.RoundId == round.Id && i.Email != null && i.SentUtc != null && i.RemindedUtc == null, cancellationToken)
            ? JobTimes.NextSlot(services.GetRequiredService<TenantContext>().Tenant.Name, now, JobTimes.Daily)
            : null;
    }

    /// <summary>E-mailed contacts of pupils nobody has answered for, sent at least the school's number of school days ago, not yet reminded.</summary>
    private async Task<List<RoundInvitation>> DueRemindersAsync(IServiceProvider services, ConsentRound round, CancellationToken cancellationToken)
    {
        var shell = services.GetRequiredService<TenantContext>().Shell;
        var wait = shell.Section<ConsentSettings>().ConsentRoundReminderSchoolDays;
        var today = shell.Settings.DateAt(time.GetUtcNow());
        var replied = await services.GetRequiredService<ConsentRounds>().RepliedAsync(round);
        return (await services.GetRequiredService<ConsentDbContext>().Invitations
                .Where(i => i.RoundId == round.Id && i.Email != null && i.SentUtc != null && i.RemindedUtc == null)
                .OrderBy(i => i.Id).ToListAsync(cancellationToken))
            .Where(i => !replied.Contains(i.PersonId)
                && SchoolCalendar.SchoolDaysBetween(shell.Settings.DateAt(new DateTimeOffset(i.SentUtc!.Value, TimeSpan.Zero)), today) >= wait)
            .Take(Batch).ToList();
    }

    private static MimeMessage Message(SmtpOptions smtp, TenantShell shell, ConsentRound round, RoundInvitation invitation, string child, string url, bool reminder)
    {
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(shell.Settings.SiteName, smtp.From));
        message.To.Add(new MailboxAddress(invitation.CarerName, invitation.Email!));
        var year = SchoolYear.Label(round.SchoolYear);
        message.Subject = reminder ? $"Reminder: photographs of {child} — your choices for {year}" : $"Photographs of {child}: your choices for {year}";
        message.Body = new TextPart("plain")
        {
            Text = $"Dear {invitation.CarerName},\n\n{round.Message}\n\n" +
                $"Please give your choices for {child} for {year} here:\n{url}\n\n" +
                "The school asks about each use separately. Saying no has no effect on anything else at school, and you can change " +
                $"your answers at any time. This link is for you only and works until {round.ClosesUtc:d MMMM yyyy}.\n",
        };
        return message;
    }
}
