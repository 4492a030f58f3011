using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Services;
using SchoolSite.Workflows.Models;
using SchoolSite.Workflows.Services;

namespace SchoolSite.Workflows.Handlers;

/// <summary>
/// The workflow's hold on the one publish path: an item of a reviewed type is published only while the
/// exact version being published is the one approved. Every edit is recorded against the version (its
/// editors may not check or approve it), and an edit after a check or approval sends the item back to
/// Draft, so an old approval can never publish new words.
/// </summary>
public sealed class WorkflowContentHandler(WorkflowInstances engine, WorkflowDbContext db, EmergencyPublishing emergency, ReviewCoverage coverage, TimeProvider time)
    : IContentHandler
{
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
        if (instance.State != WorkflowStates.Approved)
        {
            context.Veto($"It has not been approved ({definition.DisplayName}: it is {instance.State}). Submit it for checking; it is published once it is signed off.");
        }
        else if (instance.ApprovedHash != WorkflowInstances.HashOf(context.Item))
        {
            context.Veto("This version is not the one that was approved. Submit it for checking again.");
        }
    }

    public async Task PublishedAsync(PublishContentContext context)
    {
        var (_, instance) = await engine.ForAsync(context.Item);
        if (instance is null)
        {
            return;
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
        WorkflowInstances.Reset(instance);
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
