using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SchoolSite.Core.Tenancy;
using SchoolSite.Workflows.Models;
using SchoolSite.Workflows.Services;

namespace SchoolSite.Policies.Services;

/// <summary>
/// Reminds staff who have not acknowledged a policy: first after the school's setting (default five
/// school days after the version was published), then weekly, by e-mail and in My tasks. Only people
/// still outstanding are reminded.
/// </summary>
public sealed class PolicyReminders(TenantScopes scopes, TenantRegistry registry, TimeProvider time,
    ILogger<PolicyReminders> logger) : BackgroundService
{
    public const string Kind = "policy-reminder";
    private static readonly TimeSpan Weekly = TimeSpan.FromDays(7);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var school in registry.Schools.Where(s => s.State == TenantState.Running))
            {
                try
                {
                    await RunAsync(school, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Policy reminders failed for {Tenant}", school.Name);
                }
            }
        }
    }

    public async Task RunAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        await using var scope = await scopes.EnterAsync(tenant, cancellationToken);
        var shell = scope.ServiceProvider.GetRequiredService<TenantContext>().Shell;
        if (!shell.IsEnabled(Startup.PoliciesFeature) || !shell.IsEnabled(Workflows.Startup.WorkflowsFeature))
        {
            return;
        }
        var book = scope.ServiceProvider.GetRequiredService<PolicyBook>();
        var workflow = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var now = time.GetUtcNow().UtcDateTime;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(shell.Settings.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        foreach (var policy in (await book.PublishedAsync()).Where(p => p.NeedsAcknowledgement))
        {
            var published = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(policy.Version!.PublishedUtc, zone));
            if (WorkflowScheduler.SchoolDaysBetween(published, today) < shell.Settings.PolicyReminderSchoolDays)
            {
                continue;
            }
            var report = (await book.ReportAsync(policy.Id))!;
            var since = now - Weekly;
            var recent = await workflow.Notifications.AsNoTracking()
                .Where(n => n.Kind == Kind && n.ContentItemId == policy.Id && n.CreatedUtc > since).Select(n => n.UserId).ToListAsync(cancellationToken);
            var due = report.Rows.Where(r => r.AcknowledgedUtc is null && !recent.Contains(r.User.Id)).Select(r => r.User.Id).ToList();
            if (due.Count > 0)
            {
                await notifier.ToUsersAsync(due, Kind, policy.Item, $"Please acknowledge: '{policy.Title}'",
                    $"Please read '{policy.Title}' (version {policy.Version.Number}) and confirm you have read and understood it: {tenant.PathBase}/admin/policies/mine");
            }
        }
    }
}
