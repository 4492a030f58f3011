using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Tenancy;
using SchoolSite.Notifications.Models;

namespace SchoolSite.Notifications.Services;

/// <summary>Where to send e-mail: the trust's SMTP server (configuration <c>SchoolSite:Smtp</c>); each school names its own sender.</summary>
public sealed record SmtpOptions(string? Host, int Port, string From, string? UserName, string? Password, bool StartTls)
{
    public static SmtpOptions Read(IConfiguration configuration) => new(
        configuration["SchoolSite:Smtp:Host"],
        int.TryParse(configuration["SchoolSite:Smtp:Port"], out var port) ? port : 25,
        configuration["SchoolSite:Smtp:From"] ?? "schoolsite@localhost",
        configuration["SchoolSite:Smtp:UserName"],
        configuration["SchoolSite:Smtp:Password"],
        string.Equals(configuration["SchoolSite:Smtp:StartTls"], "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>Connects <paramref name="client"/> to the server, signing in if a user name is set.</summary>
    public async Task ConnectAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        await client.ConnectAsync(Host ?? throw new InvalidOperationException("No SMTP server is set (SchoolSite:Smtp:Host)."), Port, StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (UserName is { Length: > 0 } user)
        {
            await client.AuthenticateAsync(user, Password ?? string.Empty, cancellationToken);
        }
    }
}

/// <summary>Wakes the sender for a school that has mail waiting.</summary>
public sealed class MailOutbox
{
    private readonly Channel<string> _waiting = Channel.CreateUnbounded<string>();

    public void Kick(string tenant) => _waiting.Writer.TryWrite(tenant);

    public ChannelReader<string> Reader => _waiting.Reader;
}

/// <summary>
/// Sends a school's queued e-mails over SMTP as soon as they are queued. A failure is recorded and tried
/// again later (<see cref="MailRetries"/>) with a growing pause (1, 2, 4… minutes, at most an hour).
/// </summary>
public sealed class MailSender(MailOutbox outbox, TenantScopes scopes, TenantRegistry registry, TimeProvider time,
    IConfiguration configuration, SchoolSite.Core.Cluster.IClusterLocks locks, ILogger<MailSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var tenantName in outbox.Reader.ReadAllAsync(stoppingToken))
        {
            if (registry.Find(tenantName) is not { } tenant)
            {
                continue;
            }
            try
            {
                await using var scope = await scopes.EnterAsync(tenant, stoppingToken);
                await SendWaitingAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not send mail for {Tenant}", tenantName);
            }
        }
    }

    /// <summary>When the school's next unsent e-mail is due (none, or no SMTP server: null).</summary>
    public async Task<DateTimeOffset?> NextAttemptAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        if (SmtpOptions.Read(configuration).Host is null)
        {
            return null;
        }
        var next = await services.GetRequiredService<NotificationsDbContext>().Notifications
            .Where(n => n.Email != null && n.EmailSentUtc == null && n.NextEmailAttemptUtc != null)
            .OrderBy(n => n.NextEmailAttemptUtc).Select(n => n.NextEmailAttemptUtc).FirstOrDefaultAsync(cancellationToken);
        return next is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    /// <summary>Sends what is due at the school whose scope <paramref name="services"/> belongs to.</summary>
    public async Task SendWaitingAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = SmtpOptions.Read(configuration);
        if (options.Host is null)
        {
            return;
        }
        var shell = services.GetRequiredService<TenantContext>().Shell;
        // One sender at a time per school, across the web nodes too: a message is sent once.
        await using var sending = await locks.AcquireAsync("mail:" + shell.Tenant.Name, TimeSpan.FromMinutes(10), cancellationToken);
        var db = services.GetRequiredService<NotificationsDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var waiting = await db.Notifications.Where(n => n.Email != null && n.EmailSentUtc == null && n.NextEmailAttemptUtc <= now)
            .OrderBy(n => n.Id).Take(100).ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return;
        }
        using var client = new SmtpClient();
        try
        {
            await options.ConnectAsync(client, cancellationToken);
            foreach (var notification in waiting)
            {
                var message = new MimeMessage();
                message.From.Add(new MailboxAddress(shell.Settings.SiteName, options.From));
                message.To.Add(MailboxAddress.Parse(notification.Email!));
                message.Subject = notification.Subject;
                message.Body = new TextPart("plain") { Text = notification.Message + "\n\nSee your tasks: " + shell.Tenant.PathBase + "/admin/tasks" };
                await client.SendAsync(message, cancellationToken);
                notification.EmailSentUtc = time.GetUtcNow().UtcDateTime;
                notification.EmailError = null;
            }
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            foreach (var notification in waiting.Where(n => n.EmailSentUtc is null))
            {
                notification.EmailAttempts++;
                notification.EmailError = exception.Message;
                notification.NextEmailAttemptUtc = now.AddMinutes(Math.Min(60, Math.Pow(2, notification.EmailAttempts - 1)));
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Every minute, each school's e-mails that failed earlier and are due again are sent.</summary>
public sealed class MailRetries(MailSender sender) : ISchoolJob
{
    /// <summary>When mail just queued is looked at again, in case the sender never got to it (the host stopped).</summary>
    public static readonly TimeSpan AfterACrash = TimeSpan.FromMinutes(2);

    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) => sender.SendWaitingAsync(services, cancellationToken);

    /// <summary>When the next e-mail that failed is due to be tried again.</summary>
    public Task<DateTimeOffset?> NextDueAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
        => sender.NextAttemptAsync(services, cancellationToken);
}
