using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Services;
using SchoolSite.Workflows.Models;

namespace SchoolSite.Workflows.Services;

public enum WorkflowOutcome { Ok, NotFound, NotGoverned, Refused, Invalid, Conflict, Vetoed }

/// <summary>What happened to a transition, and what the user should be told (what happened and what happens next).</summary>
public sealed record WorkflowResult(WorkflowOutcome Outcome, string Message, WorkflowInstance? Instance = null, IReadOnlyList<string>? Reasons = null)
{
    public bool Succeeded => Outcome == WorkflowOutcome.Ok;
}

/// <summary>A transition as this user sees it now: allowed, or not and why (who can, and whom to ask).</summary>
public sealed record TransitionOption(TransitionDefinition Transition, string? Refusal)
{
    public bool Allowed => Refusal is null;
}

/// <summary>
/// Moves content items through their workflow. Every rule is checked here, on the server: who may take
/// a transition, that authors do not check or approve their own work, that the checker does not also
/// sign off, and that an approval belongs to the exact version that was reviewed. The final approval
/// publishes at once (or at the planned time), through the one publish path, where the workflow's handler
/// refuses anything not approved.
/// </summary>
public sealed class WorkflowEngine(WorkflowDbContext db, WorkflowTypes types, WorkflowInstances instances, ContentManager content, Refusals refusals,
    Escalation escalation, ReviewNotices notices, MediaLibrary media, ContentDefinitionStore definitions, SchoolEvents events, TenantContext tenant,
    TimeProvider time)
{
    public static string HashOf(ContentItem item) => WorkflowInstances.HashOf(item);

    public Task<(WorkflowDefinition? Definition, WorkflowInstance? Instance)> ForAsync(ContentItem item) => instances.ForAsync(item);

    /// <summary>The steps possible from where the item stands, each allowed or refused with the reason; without <paramref name="explain"/> nobody is named (lists).</summary>
    public async Task<IReadOnlyList<TransitionOption>> OptionsAsync(ClaimsPrincipal user, ContentItem item, WorkflowDefinition definition, WorkflowInstance instance,
        bool explain = true)
    {
        var options = new List<TransitionOption>();
        foreach (var transition in definition.Transitions.Where(t => t.From.Contains(instance.State)))
        {
            options.Add(new TransitionOption(transition, await refusals.WhyNotAsync(user, item, definition, instance, transition, explain)));
        }
        return options;
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
        if (await refusals.WhyNotAsync(user, item, definition, instance, transition) is { } refusal)
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
                string? because = null;
                if (definition.EscalateTo is { } stricter && await escalation.ReasonAsync(item) is { } reason && await types.NamedAsync(stricter) is { } twoStage)
                {
                    instance.WorkflowType = twoStage.Name;
                    transition = twoStage.Transitions.FirstOrDefault(t => t.Effect == TransitionEffect.Submit && t.From.Contains(from)) ?? transition;
                    definition = twoStage;
                    because = $" Because {reason}, it needs two people ({twoStage.DisplayName}).";
                }
                message = await SubmittedAsync(definition) + because + " " + await WhatNextAsync(definition, transition.To);
                instance.SubmittedBy = actor.UserId;
                break;
            case TransitionEffect.Check:
                (instance.CheckedBy, instance.CheckedHash) = (actor.UserId, hash);
                message = "Checked. " + await WhatNextAsync(definition, transition.To);
                break;
            case TransitionEffect.Approve:
                (instance.ApprovedBy, instance.ApprovedHash) = (actor.UserId, hash);
                // The sign-off is the second person for the changes to its pictures it was shown waiting (not for their own).
                await media.ConfirmForSignOffAsync(await MediaOfAsync(item), actor, item.DisplayText);
                break;
            case TransitionEffect.Return:
                Reset(instance);
                message = transition.Rules.Contains("author")
                    ? "Taken back to draft. Nobody is asked to look at it until you send it for review again."
                    : "Sent back with your comment. The author is told; it stays a draft until they change it and send it again.";
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
                message = "Published: it is now on the school's website.";
                break;
            case TransitionEffect.Unpublish:
                await content.UnpublishAsync(item.ContentItemId, actor);
                message = "Taken off the site. It is a draft again and needs review before it goes back.";
                break;
        }
        instance.State = transition.To;
        if (transition.Effect is TransitionEffect.Unpublish)
        {
            WorkflowInstances.Withdrawn(instance);
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
        IReadOnlyList<string>? vetoes = null;
        string? afterwards = null;
        if (transition.Effect == TransitionEffect.Approve)
        {
            (message, vetoes, afterwards) = await GoLiveAsync(item, instance, actor);
        }
        await notices.TransitionAsync(item, definition, transition, instance, actor, comment, afterwards);
        return new WorkflowResult(WorkflowOutcome.Ok, message, instance, vetoes);
    }

    /// <summary>
    /// The last approval publishes at once, or leaves the item for the planned time: nobody has to come back and press
    /// Publish. If a publishing check refuses now (a family withdrew consent), the sign-off stands and the reason is given.
    /// </summary>
    private async Task<(string Message, IReadOnlyList<string>? Vetoes, string ForAuthors)> GoLiveAsync(ContentItem item, WorkflowInstance instance, Actor actor)
    {
        var settings = tenant.Shell.Settings;
        if (instance.PublishAtUtc is { } at && at > time.GetUtcNow().UtcDateTime)
        {
            var when = ReviewWording.When(at, settings);
            return ($"Signed off. It will be published {when}; nobody needs to do anything more.", null, $"It will be published {when}.");
        }
        var published = await content.PublishAsync(item.ContentItemId, actor);
        if (!published.Succeeded)
        {
            var reasons = published.Errors.SelectMany(e => e.Value).ToList();
            return published.Outcome == ContentOutcome.Conflict
                ? ("Signed off. Someone changed or published it at the same moment: reload to see where it is now.", null, "Someone changed it at the same moment.")
                : ("Signed off, but not published yet: " + string.Join(" ", reasons)
                    + " When that is sorted out, choose 'Publish' here; the sign-off stands as long as the item is not changed.", reasons,
                    "It is not published yet: " + string.Join(" ", reasons));
        }
        db.Events.Add(new WorkflowEvent
        {
            ContentItemId = item.ContentItemId, Transition = "publish", FromState = WorkflowStates.Approved, ToState = WorkflowStates.Published,
            ActorId = actor.UserId, ActorName = actor.Name, VersionHash = HashOf(item), AtUtc = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        return ("Signed off and published: it is now on the school's website.", null, "It is now on the school's website.");
    }

    /// <summary>Publishes an item alone, where <see cref="PublishAlone"/> allows it (the review screen's button; the editor's Publish does the same).</summary>
    public async Task<WorkflowResult> PublishAloneAsync(ClaimsPrincipal user, string contentItemId, PublishAlone alone)
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
        var decision = await alone.DecideAsync(user.FindFirstValue(ClaimTypes.NameIdentifier), item, definition);
        if (!decision.Allowed)
        {
            return new WorkflowResult(WorkflowOutcome.Refused, decision.Reason + " Send it for review instead.", instance);
        }
        var published = await content.PublishAsync(item.ContentItemId, Actor.Of(user));
        if (!published.Succeeded)
        {
            var reasons = published.Errors.SelectMany(e => e.Value).ToList();
            return new WorkflowResult(WorkflowOutcome.Vetoed, "Not published: " + string.Join(" ", reasons), instance, reasons);
        }
        return new WorkflowResult(WorkflowOutcome.Ok, "Published: it is now on the school's website. " + decision.Reason, instance);
    }

    /// <summary>"Submitted for checking." / "Submitted for approval." / "Submitted for sign-off."</summary>
    private static Task<string> SubmittedAsync(WorkflowDefinition definition)
    {
        var approve = definition.Transitions.FirstOrDefault(t => t.Effect == TransitionEffect.Approve);
        return Task.FromResult(definition.Transitions.Any(t => t.Effect == TransitionEffect.Check) ? "Submitted for checking."
            : approve is not null && ReviewWording.IsSignOff(approve) ? "Submitted for sign-off." : "Submitted for approval.");
    }

    /// <summary>Who acts next and what then happens: "It now waits for an editor, a senior leader or the headteacher to check it; …".</summary>
    private async Task<string> WhatNextAsync(WorkflowDefinition definition, string state)
    {
        var next = definition.Transitions.Where(t => t.From.Contains(state) && t.Effect is TransitionEffect.Check or TransitionEffect.Approve).ToList();
        if (next.FirstOrDefault(t => t.Effect == TransitionEffect.Check) is { } check)
        {
            var signOff = definition.Transitions.FirstOrDefault(t => t.Effect == TransitionEffect.Approve);
            var signers = signOff is null ? "a senior leader" : Colleagues.Describe(await refusals.WhoAsync(signOff));
            return $"It now waits for {Colleagues.Describe(await refusals.WhoAsync(check))} to check it, then for {signers} to sign it off; "
                + "it is published as soon as they do.";
        }
        if (next.FirstOrDefault() is { } approve)
        {
            return $"It now waits for {Colleagues.Describe(await refusals.WhoAsync(approve))} to {ReviewWording.Verb(approve).Replace("this", "it", StringComparison.Ordinal)}; "
                + "it is published as soon as they do.";
        }
        return string.Empty;
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
