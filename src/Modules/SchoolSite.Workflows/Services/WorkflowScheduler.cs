using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Audit;
using SchoolSite.Core.Tenancy;
using SchoolSite.Workflows.Models;

namespace SchoolSite.Workflows.Services;

/// <summary>
/// Publishes approved items when their time comes, and takes them down at their end time, through the
/// same publish path as everything else: consent and privacy are checked again at that moment. A
/// refusal leaves the item unpublished, shows why on the item and tells the person who submitted it.
/// </summary>
public sealed class WorkflowScheduler(TenantScopes scopes, TenantRegistry registry, TimeProvider time,
    ILogger<WorkflowScheduler> logger) : BackgroundService
{
    public static readonly ContentActor Actor = new(null, "scheduled publishing");

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var school in registry.Schools.Where(s => s.State == TenantState.Running))
            {
                try
                {
                    await RunDueAsync(school, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Scheduled publishing failed for {Tenant}", school.Name);
                }
            }
        }
    }

    /// <summary>Publishes and unpublishes what is due at one school; runs are taken one at a time, so nothing is published twice.</summary>
    public async Task RunDueAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            await RunAsync(tenant, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task RunAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        await using var scope = await scopes.EnterAsync(tenant, cancellationToken);
        var shell = scope.ServiceProvider.GetRequiredService<TenantContext>().Shell;
        if (!shell.IsEnabled(Startup.WorkflowsFeature))
        {
            return;
        }
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<WorkflowDbContext>();
        var content = services.GetRequiredService<ContentManager>();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var due in await db.Instances.Where(i => i.State == WorkflowStates.Approved && i.PublishAtUtc <= now).ToListAsync(cancellationToken))
        {
            var result = await content.PublishAsync(due.ContentItemId, Actor);
            if (result.Succeeded)
            {
                db.Events.Add(Event(due, "scheduled-publish", WorkflowStates.Approved, WorkflowStates.Published, null, now));
                continue;
            }
            var why = result.Describe();
            due.PublishAtUtc = null;
            due.LastError = $"Not published at the planned time: {why}";
            due.Revision++;
            db.Events.Add(Event(due, "scheduled-publish-failed", due.State, due.State, why, now));
            var item = await content.GetAsync(due.ContentItemId, VersionOption.Latest);
            await services.GetRequiredService<Notifier>().ToUsersAsync(new[] { due.SubmittedBy, item?.Owner }.OfType<string>().Distinct(), "schedule-failed", item,
                $"Not published: '{item?.DisplayText}'", $"'{item?.DisplayText}' was not published at its planned time. {why}");
            await services.GetRequiredService<IAuditLog>().RecordAsync(new AuditEntry(Actor.UserName!, "workflow", "scheduled-publish-failed",
                $"content:{due.ContentItemId}", null, why), cancellationToken);
        }
        foreach (var due in await db.Instances.Where(i => i.State == WorkflowStates.Published && i.UnpublishAtUtc <= now).ToListAsync(cancellationToken))
        {
            await content.UnpublishAsync(due.ContentItemId, Actor);
            db.Events.Add(Event(due, "scheduled-unpublish", WorkflowStates.Published, WorkflowStates.Draft, null, now));
        }
        await db.SaveChangesAsync(cancellationToken);
        await RemindAsync(services, db, shell, now, cancellationToken);
    }

    /// <summary>Items waiting for a check or sign-off longer than the school allows: whoever can take the next step is reminded, once per wait.</summary>
    private static async Task RemindAsync(IServiceProvider services, WorkflowDbContext db, TenantShell shell, DateTime now, CancellationToken cancellationToken)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(shell.Settings.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        var waiting = await db.Instances.AsNoTracking().Where(i => i.State != WorkflowStates.Draft && i.State != WorkflowStates.Published && i.State != WorkflowStates.Approved)
            .ToListAsync(cancellationToken);
        var types = services.GetRequiredService<WorkflowTypes>();
        var content = services.GetRequiredService<ContentManager>();
        var notifier = services.GetRequiredService<Notifier>();
        foreach (var instance in waiting)
        {
            var since = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(instance.UpdatedUtc, zone));
            if (SchoolDaysBetween(since, today) < shell.Settings.ReviewReminderSchoolDays
                || await db.Notifications.AnyAsync(n => n.ContentItemId == instance.ContentItemId && n.Kind == "reminder" && n.CreatedUtc >= instance.UpdatedUtc, cancellationToken)
                || await types.NamedAsync(instance.WorkflowType) is not { } definition
                || await content.GetAsync(instance.ContentItemId, VersionOption.Latest) is not { } item)
            {
                continue;
            }
            foreach (var next in definition.Transitions.Where(t => t.From.Contains(instance.State) && t.Effect is TransitionEffect.Check or TransitionEffect.Approve))
            {
                var excluded = instance.EditorIds.Append(next.Rules.Contains("not-checker") ? instance.CheckedBy : null).OfType<string>().ToList();
                var subject = $"Reminder: '{item.DisplayText}' is waiting for you";
                var message = $"'{item.DisplayText}' has waited {SchoolDaysBetween(since, today)} school days for: {next.DisplayName}.";
                if (next.Permission is { } permission)
                {
                    await notifier.ToPermissionAsync(permission, excluded, "reminder", item, subject, message);
                }
                if (next.Roles.Count > 0)
                {
                    await notifier.ToRolesAsync(next.Roles, excluded, "reminder", item, subject, message);
                }
            }
            await notifier.FlushAsync();
        }
    }

    public static int SchoolDaysBetween(DateOnly from, DateOnly to)
    {
        var days = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days++;
            }
        }
        return days;
    }

    private static WorkflowEvent Event(WorkflowInstance instance, string transition, string from, string to, string? comment, DateTime now) => new()
    {
        ContentItemId = instance.ContentItemId, Transition = transition, FromState = from, ToState = to, ActorName = Actor.UserName!, Comment = comment, AtUtc = now,
    };
}
