using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Events;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Security;
using SchoolSite.Notifications.Services;
using SchoolSite.Workflows.Models;

namespace SchoolSite.Workflows.Services;

/// <summary>
/// Publishes approved items when their time comes, and takes them down at their end time, through the
/// same publish path as everything else: consent and privacy are checked again at that moment. A
/// refusal leaves the item unpublished, shows why on the item and tells the person who submitted it.
/// </summary>
public sealed class ScheduledPublishing(TimeProvider time) : ISchoolJob
{
    public static readonly Actor Scheduler = Actor.Named("scheduled publishing");

    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public string? Feature => Manifest.WorkflowsFeature;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WorkflowDbContext>();
        var content = services.GetRequiredService<ContentManager>();
        var now = time.GetUtcNow().UtcDateTime;
        var failed = new List<ReviewStepTaken>();
        foreach (var due in await db.Instances.Where(i => i.State == WorkflowStates.Approved && i.PublishAtUtc <= now).ToListAsync(cancellationToken))
        {
            var result = await content.PublishAsync(due.ContentItemId, Scheduler);
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
            await services.GetRequiredService<Notifier>().ToUsersAsync(new[] { due.SubmittedBy, item?.Owner }.OfType<string>().Distinct(), "schedule-failed",
                due.ContentItemId, $"Not published: '{item?.DisplayText}'", $"'{item?.DisplayText}' was not published at its planned time. {why}");
            failed.Add(new ReviewStepTaken(due.ContentItemId, Scheduler.Name, "scheduled-publish-failed", null, why));
        }
        foreach (var due in await db.Instances.Where(i => i.State == WorkflowStates.Published && i.UnpublishAtUtc <= now).ToListAsync(cancellationToken))
        {
            await content.UnpublishAsync(due.ContentItemId, Scheduler);
            db.Events.Add(Event(due, "scheduled-unpublish", WorkflowStates.Published, WorkflowStates.Draft, null, now));
        }
        await services.GetRequiredService<SchoolEvents>().CommitAsync(db, failed, cancellationToken);
    }

    /// <summary>The next planned publish of a signed-off item, or the next planned end of a published one.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WorkflowDbContext>();
        var publish = await db.Instances.Where(i => i.State == WorkflowStates.Approved && i.PublishAtUtc != null)
            .OrderBy(i => i.PublishAtUtc).Select(i => i.PublishAtUtc).FirstOrDefaultAsync(cancellationToken);
        var unpublish = await db.Instances.Where(i => i.State == WorkflowStates.Published && i.UnpublishAtUtc != null)
            .OrderBy(i => i.UnpublishAtUtc).Select(i => i.UnpublishAtUtc).FirstOrDefaultAsync(cancellationToken);
        return new[] { publish, unpublish }.OfType<DateTime>().Select(at => (DateTimeOffset?)new DateTimeOffset(at, TimeSpan.Zero)).Min();
    }

    private static WorkflowEvent Event(WorkflowInstance instance, string transition, string from, string to, string? comment, DateTime now) => new()
    {
        ContentItemId = instance.ContentItemId, Transition = transition, FromState = from, ToState = to, ActorName = Scheduler.Name, Comment = comment, AtUtc = now,
    };
}

/// <summary>Items waiting for a check or sign-off longer than the school allows: whoever can take the next step is reminded, once per wait.</summary>
public sealed class ReviewReminders(TimeProvider time) : ISchoolJob
{
    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public string? Feature => Manifest.WorkflowsFeature;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var shell = services.GetRequiredService<Core.Tenancy.TenantContext>().Shell;
        var db = services.GetRequiredService<WorkflowDbContext>();
        var types = services.GetRequiredService<WorkflowTypes>();
        var content = services.GetRequiredService<ContentManager>();
        var notifier = services.GetRequiredService<Notifier>();
        var notices = services.GetRequiredService<ReviewNotices>();
        var wait = shell.Section<WorkflowSettings>().ReviewReminderSchoolDays;
        var today = shell.Settings.DateAt(time.GetUtcNow());
        var waiting = await db.Instances.AsNoTracking()
            .Where(i => i.State != WorkflowStates.Draft && i.State != WorkflowStates.Published && i.State != WorkflowStates.Approved)
            .ToListAsync(cancellationToken);
        foreach (var instance in waiting)
        {
            var days = SchoolCalendar.SchoolDaysBetween(shell.Settings.DateAt(new DateTimeOffset(instance.UpdatedUtc, TimeSpan.Zero)), today);
            if (days < wait
                || await notifier.SentSinceAsync("reminder", instance.ContentItemId, instance.UpdatedUtc)
                || await types.NamedAsync(instance.WorkflowType) is not { } definition
                || await content.GetAsync(instance.ContentItemId, VersionOption.Latest) is not { } item)
            {
                continue;
            }
            await notices.ToNextReviewersAsync(item, definition, instance, next =>
                ("reminder", $"Reminder: '{item.DisplayText}' is waiting for you", $"'{item.DisplayText}' has waited {days} school days for: {next.DisplayName}."));
        }
    }
}
