using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Notifications.Services;
using SchoolSite.Workflows.Models;

namespace SchoolSite.Workflows.Services;

/// <summary>
/// Publishes without approval, only where the school has switched emergency publishing on, with a
/// written reason; it is recorded and the headteacher and data protection officer are told. The
/// consent gate and privacy check still run.
/// </summary>
public sealed class EmergencyPublisher(WorkflowDbContext db, WorkflowInstances instances, ContentManager content, IAuthorizationService authorization,
    Notifier notifier, EmergencyPublishing emergency, SchoolEvents events, TimeProvider time)
{
    public async Task<WorkflowResult> PublishAsync(ClaimsPrincipal user, string contentItemId, string? reason, bool enabled)
    {
        var item = await content.GetAsync(contentItemId, VersionOption.Latest);
        if (item is null)
        {
            return new WorkflowResult(WorkflowOutcome.NotFound, $"There is no content item '{contentItemId}'.");
        }
        if (!enabled)
        {
            return new WorkflowResult(WorkflowOutcome.Refused,
                "Emergency publishing is switched off for this school: send it for review, or ask the headteacher to switch it on in the settings.");
        }
        if (!(await authorization.AuthorizeAsync(user, PermissionRequirement.Policy(Permissions.EmergencyPublish))).Succeeded)
        {
            return new WorkflowResult(WorkflowOutcome.Refused, "Only the headteacher can publish as an emergency: ask them, or send it for review.");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 10)
        {
            return new WorkflowResult(WorkflowOutcome.Invalid, "Write the reason this cannot wait for the usual checks (at least a sentence).");
        }
        var (_, instance) = await instances.ForAsync(item);
        var actor = Actor.Of(user);
        emergency.Authorise(item.ContentItemId);
        ContentResult published;
        try
        {
            published = await content.PublishAsync(item.ContentItemId, actor);
        }
        finally
        {
            emergency.Clear();
        }
        if (!published.Succeeded)
        {
            var reasons = published.Errors.SelectMany(e => e.Value).ToList();
            return new WorkflowResult(WorkflowOutcome.Vetoed, "Not published: " + string.Join(" ", reasons), instance, reasons);
        }
        var hash = WorkflowInstances.HashOf(item);
        if (instance is not null)
        {
            db.Events.Add(new WorkflowEvent
            {
                ContentItemId = item.ContentItemId, Transition = "emergency-publish", FromState = instance.State, ToState = WorkflowStates.Published,
                ActorId = actor.UserId, ActorName = actor.Name, Comment = reason.Trim(), VersionHash = hash, AtUtc = time.GetUtcNow().UtcDateTime,
            });
        }
        await events.CommitAsync(db, new ReviewStepTaken(item.ContentItemId, actor.Name, "emergency-publish",
            instance?.State, $"Published without approval (version {hash[..12]}): {reason.Trim()}"));
        await notifier.ToRolesAsync([Roles.Headteacher, Roles.DataProtectionOfficer], [], "emergency-publish", item.ContentItemId, $"Emergency publish: '{item.DisplayText}'",
            $"{actor.Name} published '{item.DisplayText}' without the usual checks. Their reason: {reason.Trim()}");
        await notifier.FlushAsync();
        return new WorkflowResult(WorkflowOutcome.Ok, "Published as an emergency: it is now on the school's website, and the headteacher and the data protection officer have been told.", instance);
    }
}
