using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Media.Services;
using SchoolSite.Notifications.Services;
using SchoolSite.Workflows.Models;

namespace SchoolSite.Workflows.Services;

public enum WorkflowOutcome { Ok, NotFound, NotGoverned, Refused, Invalid, Conflict, Vetoed }

/// <summary>What happened to a transition, and what the user should be told.</summary>
public sealed record WorkflowResult(WorkflowOutcome Outcome, string Message, WorkflowInstance? Instance = null, IReadOnlyList<string>? Reasons = null)
{
    public bool Succeeded => Outcome == WorkflowOutcome.Ok;
}

/// <summary>A transition as this user sees it now: allowed, or not and why (the rule that refuses it).</summary>
public sealed record TransitionOption(TransitionDefinition Transition, string? Refusal)
{
    public bool Allowed => Refusal is null;
}

/// <summary>
/// Moves content items through their workflow. Every rule is checked here, on the server: who may take
/// a transition, that authors do not check or approve their own work, that the checker does not also
/// sign off, and that an approval belongs to the exact version that was reviewed. Publishing itself
/// still goes through the one publish path, where the workflow's handler refuses anything not approved.
/// </summary>
public sealed class WorkflowEngine(WorkflowDbContext db, WorkflowTypes types, WorkflowInstances instances, ContentManager content, ContentAuthorization rights,
    IAuthorizationService authorization, Escalation escalation, ReviewNotices notices, Notifier notifier, MediaLibrary media, ContentDefinitionStore definitions,
    SchoolEvents events, TimeProvider time)
{
    public static string HashOf(ContentItem item) => WorkflowInstances.HashOf(item);

    public Task<(WorkflowDefinition? Definition, WorkflowInstance? Instance)> ForAsync(ContentItem item) => instances.ForAsync(item);

    public async Task<IReadOnlyList<TransitionOption>> OptionsAsync(ClaimsPrincipal user, ContentItem item, WorkflowDefinition definition, WorkflowInstance instance)
    {
        var options = new List<TransitionOption>();
        foreach (var transition in definition.Transitions.Where(t => t.From.Contains(instance.State)))
        {
            options.Add(new TransitionOption(transition, await RefusalAsync(user, item, instance, transition)));
        }
        return options;
    }

    /// <summary>Why this user may not take the transition now (naming the rule), or null if they may.</summary>
    public async Task<string?> RefusalAsync(ClaimsPrincipal user, ContentItem item, WorkflowInstance instance, TransitionDefinition transition)
    {
        if (!transition.From.Contains(instance.State))
        {
            return $"This item is {instance.State}: '{transition.DisplayName}' is only possible from {string.Join(" or ", transition.From)}.";
        }
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var allowed = transition.Effect switch
        {
            TransitionEffect.Submit => await rights.CanAsync(user, ContentAction.Edit, item),
            TransitionEffect.Publish or TransitionEffect.Unpublish => await rights.CanAsync(user, ContentAction.Publish, item),
            _ => true,
        };
        if (!allowed)
        {
            return $"Rule 'permission': you may not {transition.DisplayName.ToLowerInvariant()} this item.";
        }
        if (transition.Permission is { } permission && !(await authorization.AuthorizeAsync(user, PermissionRequirement.Policy(permission))).Succeeded)
        {
            return $"Rule 'permission': '{transition.DisplayName}' needs the {permission} permission.";
        }
        if (transition.Roles.Count > 0 && !transition.Roles.Any(user.IsInRole))
        {
            return $"Rule 'role': '{transition.DisplayName}' needs the role {string.Join(" or ", transition.Roles)}.";
        }
        foreach (var rule in transition.Rules)
        {
            var broken = rule switch
            {
                "not-author" when userId is not null && instance.EditorIds.Contains(userId)
                    => $"Rule 'not-author': you worked on this version, so a colleague must {transition.DisplayName.ToLowerInvariant()}.",
                "not-checker" when userId is not null && instance.CheckedBy == userId
                    => "Rule 'not-checker': you checked this version; a different senior leader must sign it off.",
                "author" when userId is null || (!instance.EditorIds.Contains(userId) && instance.SubmittedBy != userId)
                    => $"Rule 'author': only the people who wrote it can {transition.DisplayName.ToLowerInvariant()}.",
                "checked-version" when instance.CheckedHash != HashOf(item)
                    => "Rule 'checked-version': this is not the version that was checked.",
                _ => null,
            };
            if (broken is not null)
            {
                return broken;
            }
        }
        return null;
    }

    public async Task<WorkflowResult> TakeAsync(ClaimsPrincipal user, string contentItemId, string transitionName, string? comment,
        int? expectedRevision = null, string? expectedVersion = null)
    {
        var item = await content.GetAsync(contentItemId, VersionOption.Latest);
        if (item is null)
        {
            return new WorkflowResult(WorkflowOutcome.NotFound, $"There is no content item '{contentItemId}'.");
        }
        var (definition, instance) = await ForAsync(item);
        if (definition is null || instance is null)
        {
            return new WorkflowResult(WorkflowOutcome.NotGoverned, $"{item.ContentType} items are not reviewed: publish them directly.");
        }
        if (expectedVersion is not null && expectedVersion != item.ContentItemVersionId)
        {
            return new WorkflowResult(WorkflowOutcome.Conflict, "The item has changed since you opened it: look at the new version first.", instance);
        }
        if (expectedRevision is { } revision && revision != instance.Revision)
        {
            return new WorkflowResult(WorkflowOutcome.Conflict, "Someone else has acted on this item since you opened it: reload to see where it is now.", instance);
        }
        var transition = definition.Transitions.FirstOrDefault(t => t.Name == transitionName);
        if (transition is null)
        {
            return new WorkflowResult(WorkflowOutcome.Invalid, $"'{transitionName}' is not a step of {definition.DisplayName}: use {string.Join(", ", definition.Transitions.Select(t => t.Name).Distinct())}.");
        }
        if (await RefusalAsync(user, item, instance, transition) is { } refusal)
        {
            return new WorkflowResult(WorkflowOutcome.Refused, refusal, instance);
        }
        if (transition.RequiresComment && string.IsNullOrWhiteSpace(comment))
        {
            return new WorkflowResult(WorkflowOutcome.Invalid, $"'{transition.DisplayName}' needs a comment saying what should change.", instance);
        }

        var actor = Actor.Of(user);
        var hash = HashOf(item);
        var from = instance.State;
        var message = $"{transition.DisplayName}: done.";
        switch (transition.Effect)
        {
            case TransitionEffect.Submit:
                if (definition.EscalateTo is { } stricter && await escalation.ReasonAsync(item) is { } reason && await types.NamedAsync(stricter) is { } twoStage)
                {
                    instance.WorkflowType = twoStage.Name;
                    transition = twoStage.Transitions.FirstOrDefault(t => t.Effect == TransitionEffect.Submit && t.From.Contains(from)) ?? transition;
                    definition = twoStage;
                    message = $"Submitted. It moved onto {twoStage.DisplayName} because {reason}: a colleague checks it, then a senior leader signs it off.";
                }
                else
                {
                    message = "Submitted for checking.";
                }
                instance.SubmittedBy = actor.UserId;
                break;
            case TransitionEffect.Check:
                (instance.CheckedBy, instance.CheckedHash) = (actor.UserId, hash);
                message = "Checked: it now waits for a senior leader's sign-off.";
                break;
            case TransitionEffect.Approve:
                (instance.ApprovedBy, instance.ApprovedHash) = (actor.UserId, hash);
                message = "Signed off: this exact version can now be published.";
                // The sign-off is the second person for the changes to its pictures it was shown waiting (not for their own).
                await media.ConfirmForSignOffAsync(await MediaOfAsync(item), actor, item.DisplayText);
                break;
            case TransitionEffect.Return:
                Reset(instance);
                message = "Sent back to the author with your comment.";
                break;
            case TransitionEffect.Publish:
                var published = await content.PublishAsync(item.ContentItemId, actor);
                if (!published.Succeeded)
                {
                    var reasons = published.Errors.SelectMany(e => e.Value).ToList();
                    return published.Outcome == ContentOutcome.Conflict
                        ? new WorkflowResult(WorkflowOutcome.Conflict, "Someone else has just published or changed this item: reload.", instance)
                        : new WorkflowResult(WorkflowOutcome.Vetoed, "Not published: " + string.Join(" ", reasons), instance, reasons);
                }
                if (instance.State != WorkflowStates.Published)
                {
                    // Our publish found it already published: someone else got there first.
                    return new WorkflowResult(WorkflowOutcome.Conflict, "Someone else has just published this item.", instance);
                }
                message = "Published.";
                break;
            case TransitionEffect.Unpublish:
                await content.UnpublishAsync(item.ContentItemId, actor);
                message = "Withdrawn from the site.";
                break;
        }
        instance.State = transition.To;
        if (transition.Effect is TransitionEffect.Unpublish)
        {
            Reset(instance);
            instance.Editors = string.Empty;
        }
        instance.LastError = null;
        instance.Revision++;
        instance.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        db.Events.Add(new WorkflowEvent
        {
            ContentItemId = item.ContentItemId, Transition = transition.Name, FromState = from, ToState = instance.State,
            ActorId = actor.UserId, ActorName = actor.Name, Comment = comment?.Trim(), VersionHash = hash, AtUtc = instance.UpdatedUtc,
        });
        var step = new ReviewStepTaken(item.ContentItemId, actor.Name, transition.Name,
            from, $"{instance.State} (version {hash[..12]}){(string.IsNullOrWhiteSpace(comment) ? "" : ": " + comment.Trim())}");
        events.Stage(db, step);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new WorkflowResult(WorkflowOutcome.Conflict, "Someone else acted on this item at the same moment: reload to see where it is now.");
        }
        await events.RaiseAsync(step);
        await notices.TransitionAsync(item, definition, transition, instance, actor, comment);
        return new WorkflowResult(WorkflowOutcome.Ok, message, instance);
    }

    /// <summary>
    /// Publishes without approval, only where the school has switched emergency publishing on, with a
    /// written reason; it is recorded and the headteacher and data protection officer are told. The
    /// consent gate and privacy check still run.
    /// </summary>
    public async Task<WorkflowResult> EmergencyPublishAsync(ClaimsPrincipal user, string contentItemId, string? reason, bool enabled, EmergencyPublishing emergency)
    {
        var item = await content.GetAsync(contentItemId, VersionOption.Latest);
        if (item is null)
        {
            return new WorkflowResult(WorkflowOutcome.NotFound, $"There is no content item '{contentItemId}'.");
        }
        if (!enabled)
        {
            return new WorkflowResult(WorkflowOutcome.Refused, "Rule 'emergency-publish-off': emergency publishing is switched off for this school.");
        }
        if (!(await authorization.AuthorizeAsync(user, PermissionRequirement.Policy(Permissions.EmergencyPublish))).Succeeded)
        {
            return new WorkflowResult(WorkflowOutcome.Refused, $"Rule 'permission': an emergency publish needs the {Permissions.EmergencyPublish} permission.");
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 10)
        {
            return new WorkflowResult(WorkflowOutcome.Invalid, "Write the reason this cannot wait for the usual checks (at least a sentence).");
        }
        var (definition, instance) = await ForAsync(item);
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
        var hash = HashOf(item);
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
        return new WorkflowResult(WorkflowOutcome.Ok, "Published as an emergency; the headteacher and the data protection officer have been told.", instance);
    }

    public static void Reset(WorkflowInstance instance) => WorkflowInstances.Reset(instance);

    private async Task<IEnumerable<string>> MediaOfAsync(ContentItem item)
    {
        var set = await definitions.GetAsync();
        return ContentPictures.In(item, set, set.Type(item.ContentType)).Select(p => p.MediaId);
    }

    public async Task<IReadOnlyList<WorkflowEvent>> HistoryAsync(string contentItemId)
        => await db.Events.AsNoTracking().Where(e => e.ContentItemId == contentItemId).OrderBy(e => e.Id).ToListAsync();
}
