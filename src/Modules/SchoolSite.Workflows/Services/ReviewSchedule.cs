using System.Security.Claims;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Tenancy;
using SchoolSite.Workflows.Models;

namespace SchoolSite.Workflows.Services;

/// <summary>What planning a time did: the errors by field, or what will happen, in words.</summary>
public sealed record ScheduleResult(WorkflowOutcome Outcome, string Message, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Outcome == WorkflowOutcome.Ok;
}

/// <summary>
/// When an item goes live and when it comes down. A time can be planned before the sign-off: the sign-off then leaves the
/// item for that time instead of publishing at once, and the scheduler publishes it through the same gates. A plan stays
/// with the item through edits (the approvals do not) and ends when it is taken off the site.
/// </summary>
public sealed class ReviewSchedule(WorkflowDbContext db, WorkflowInstances instances, ContentManager content, ContentAuthorization rights,
    Colleagues colleagues, TenantContext tenant, TimeProvider time)
{
    public async Task<ScheduleResult> SetAsync(ClaimsPrincipal user, string contentItemId, DateTimeOffset? publishAt, DateTimeOffset? unpublishAt)
    {
        var item = await content.GetAsync(contentItemId, VersionOption.Latest);
        if (item is null)
        {
            return Fail(WorkflowOutcome.NotFound, $"There is no content item '{contentItemId}'.");
        }
        if (!await rights.CanAsync(user, ContentAction.Publish, item))
        {
            var who = Colleagues.Describe(await colleagues.RolesWithAsync(Contents.Permissions.PublishContent));
            return Fail(WorkflowOutcome.Refused, $"Only {who} can plan when this goes live: ask them to set the time.");
        }
        var (definition, instance) = await instances.ForAsync(item);
        if (definition is null || instance is null)
        {
            return Fail(WorkflowOutcome.NotGoverned, $"{item.ContentType} items are not reviewed.");
        }
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        if (publishAt is not null && instance.State == WorkflowStates.Published)
        {
            errors["publishAt"] = ["It is already published: take it off the site first, or plan only when it comes down."];
        }
        else if (publishAt is { } p && p <= now)
        {
            errors["publishAt"] = ["Give a time in the future."];
        }
        if (unpublishAt is { } u && (publishAt is { } from ? u <= from : u <= now))
        {
            errors["unpublishAt"] = ["The end must come after the start."];
        }
        if (errors.Count > 0)
        {
            return new ScheduleResult(WorkflowOutcome.Invalid, "The times need changing: " + string.Join(" ", errors.Values.SelectMany(e => e)), errors);
        }
        instance.PublishAtUtc = publishAt?.UtcDateTime;
        instance.UnpublishAtUtc = unpublishAt?.UtcDateTime;
        instance.Revision++;
        instance.UpdatedUtc = now.UtcDateTime;
        await db.SaveChangesAsync();
        var settings = tenant.Shell.Settings;
        var start = instance.PublishAtUtc is { } at
            ? instance.State == WorkflowStates.Approved
                ? $"It will be published {ReviewWording.When(at, settings)}."
                : $"It will be published {ReviewWording.When(at, settings)} if it is signed off by then, or as soon as it is signed off after that."
            : instance.State == WorkflowStates.Approved ? "No publishing time is planned: choose 'Publish' to publish it now."
            : "No publishing time is planned: it is published as soon as it is signed off.";
        var end = instance.UnpublishAtUtc is { } until ? $" It comes off the site {ReviewWording.When(until, settings)}." : string.Empty;
        return new ScheduleResult(WorkflowOutcome.Ok, start + end, new Dictionary<string, string[]>());
    }

    private static ScheduleResult Fail(WorkflowOutcome outcome, string message) => new(outcome, message, new Dictionary<string, string[]>());
}
