using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Events;
using SchoolSite.Workflows.Models;
using SchoolSite.Workflows.Services;

namespace SchoolSite.Workflows.Handlers;

/// <summary>
/// The workflow's hold on the one publish path: an item of a reviewed type is published only while the
/// exact version being published is the one approved, or when one person may publish it alone (an administrator,
/// content that pictures and names no pupils, where the school allows it or has nobody else yet). Every edit is
/// recorded against the version (its editors may not check or approve it), and an edit after a check or approval
/// sends the item back to Draft, so an old approval can never publish new words.
/// </summary>
public sealed class WorkflowContentHandler(WorkflowInstances engine, WorkflowDbContext db, EmergencyPublishing emergency, ReviewCoverage coverage,
    WorkflowTypes types, PublishAlone alone, Escalation escalation, SchoolEvents events, TimeProvider time)
    : IContentHandler
{
    // Items this request publishes alone, with the reason: recorded in their history once the publish is saved.
    private readonly Dictionary<string, string> _alone = new(StringComparer.Ordinal);

    // Last: review has the final word on publishing, after the consent and privacy checks have given their reasons.
    public int Order => 200;

    public async Task CreatedAsync(ContentContext context) => await EditedAsync(context);

    public async Task UpdatedAsync(ContentContext context) => await EditedAsync(context);

    public async Task PublishingAsync(PublishContentContext context)
    {
        if (emergency.IsAuthorised(context.Item.ContentItemId))
        {
            return;
        }
        var (definition, instance) = await engine.ForAsync(context.Item);
        if (definition is null || instance is null)
        {
            // Fail closed: a type no review covers is not a way round the review.
            if (await coverage.IsReviewingAsync())
            {
                context.Veto($"No review covers {context.Type.DisplayName} items, so they cannot be published. Ask the trust to add the type to a review workflow.");
            }
            return;
        }
        if (instance.State == WorkflowStates.Approved && instance.ApprovedHash == WorkflowInstances.HashOf(context.Item))
        {
            return;
        }
        var decision = await alone.DecideAsync(context.Actor.UserId, context.Item, definition);
        if (decision.Allowed)
        {
            _alone[context.Item.ContentItemId] = decision.Reason;
            return;
        }
        context.Veto(await NotYetAsync(context, definition, instance));
    }

    /// <summary>Why it is not published, and what happens next, in the words of the editor's buttons.</summary>
    private async Task<string> NotYetAsync(PublishContentContext context, WorkflowDefinition definition, WorkflowInstance instance)
    {
        if (instance.State == WorkflowStates.Approved)
        {
            return "Not published: this version changed after it was signed off, so it needs review again. Choose 'Review and submit' to send it.";
        }
        if (instance.State != WorkflowStates.Draft)
        {
            return $"Not published yet: it is {ReviewWording.Waiting(definition, instance.State)}. It is published as soon as that is done.";
        }
        var pupils = await escalation.ReasonAsync(context.Item);
        var stricter = pupils is not null && definition.EscalateTo is { } name ? await types.NamedAsync(name) : null;
        var route = stricter ?? definition;
        var signOff = route.Transitions.FirstOrDefault(t => t.Effect == TransitionEffect.Approve);
        var needs = route.Transitions.Any(t => t.Effect == TransitionEffect.Check)
            ? $"a colleague's check and then {(signOff is { Roles.Count: > 0 } ? "sign-off by " + Colleagues.Describe(signOff.Roles) : "sign-off")}"
            : "a colleague's approval";
        return $"Not published: it needs {needs} first{(pupils is null ? "" : ", because " + pupils)}. "
            + $"Choose 'Review and submit' to send it; it is published as soon as it is {(signOff is not null && ReviewWording.IsSignOff(signOff) ? "signed off" : "approved")}.";
    }

    public async Task PublishedAsync(PublishContentContext context)
    {
        var (_, instance) = await engine.ForAsync(context.Item);
        if (instance is null)
        {
            return;
        }
        ReviewStepTaken? step = null;
        if (_alone.Remove(context.Item.ContentItemId, out var reason))
        {
            var hash = WorkflowInstances.HashOf(context.Item);
            db.Events.Add(new WorkflowEvent
            {
                ContentItemId = context.Item.ContentItemId, Transition = "publish-alone", FromState = instance.State, ToState = WorkflowStates.Published,
                ActorId = context.Actor.UserId, ActorName = context.Actor.Name, Comment = reason, VersionHash = hash, AtUtc = time.GetUtcNow().UtcDateTime,
            });
            step = new ReviewStepTaken(context.Item.ContentItemId, context.Actor.Name, "publish-alone", instance.State,
                $"{WorkflowStates.Published} (version {hash[..12]}): {reason}");
            events.Stage(db, step);
        }
        // The item is published now, whatever else happened to its workflow row meanwhile: record that.
        for (var attempt = 0; ; attempt++)
        {
            instance.State = WorkflowStates.Published;
            instance.PublishAtUtc = null;
            instance.LastError = null;
            instance.Revision++;
            instance.UpdatedUtc = time.GetUtcNow().UtcDateTime;
            try
            {
                await db.SaveChangesAsync();
                if (step is not null)
                {
                    await events.RaiseAsync(step);
                }
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                await db.Entry(instance).ReloadAsync();
            }
        }
    }

    public async Task UnpublishedAsync(ContentContext context)
    {
        var (_, instance) = await engine.ForAsync(context.Item);
        if (instance is null || instance.State == WorkflowStates.Draft)
        {
            return;
        }
        instance.State = WorkflowStates.Draft;
        WorkflowInstances.Withdrawn(instance);
        instance.Revision++;
        instance.UpdatedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
    }

    private async Task EditedAsync(ContentContext context)
    {
        var (_, instance) = await engine.ForAsync(context.Item);
        if (instance is null)
        {
            return;
        }
        var editor = context.Actor.UserId;
        var now = time.GetUtcNow().UtcDateTime;
        if (instance.State == WorkflowStates.Published)
        {
            // A new draft of a published item starts a new round of review, by new authors.
            instance.State = WorkflowStates.Draft;
            instance.Editors = string.Empty;
            WorkflowInstances.Reset(instance);
        }
        else if (instance.State != WorkflowStates.Draft)
        {
            var was = instance.State;
            instance.State = WorkflowStates.Draft;
            WorkflowInstances.Reset(instance);
            db.Events.Add(new WorkflowEvent
            {
                ContentItemId = context.Item.ContentItemId, Transition = "edited", FromState = was, ToState = WorkflowStates.Draft,
                ActorId = editor, ActorName = context.Actor.Name,
                Comment = $"Edited while {was}: back to Draft. The earlier checks and approvals were for the previous version.",
                VersionHash = WorkflowInstances.HashOf(context.Item), AtUtc = now,
            });
        }
        if (editor is not null && !instance.EditorIds.Contains(editor))
        {
            instance.Editors = string.Join(',', instance.EditorIds.Append(editor));
        }
        instance.Revision++;
        instance.UpdatedUtc = now;
        await db.SaveChangesAsync();
    }
}
