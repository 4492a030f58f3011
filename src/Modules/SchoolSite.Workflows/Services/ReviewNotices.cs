using SchoolSite.Contents.Models;
using SchoolSite.Core.Security;
using SchoolSite.Notifications.Services;
using SchoolSite.Workflows.Models;

namespace SchoolSite.Workflows.Services;

/// <summary>What review tells people: the authors when their item moves on, and whoever can take the next step.</summary>
public sealed class ReviewNotices(Notifier notifier)
{
    /// <summary>Tells the authors what happened and whoever can take the next step; <paramref name="afterwards"/> says what a sign-off led to (published, planned, refused).</summary>
    public async Task TransitionAsync(ContentItem item, WorkflowDefinition definition, TransitionDefinition transition, WorkflowInstance instance,
        Actor actor, string? comment, string? afterwards = null)
    {
        var authors = new[] { instance.SubmittedBy, item.Owner }.OfType<string>().Distinct().Where(a => a != actor.UserId).ToList();
        var title = $"'{item.DisplayText}'";
        switch (transition.Effect)
        {
            case TransitionEffect.Return:
                await notifier.ToUsersAsync(authors, "changes-requested", item.ContentItemId, $"Changes requested: {title}",
                    $"{actor.Name} asked for changes to {title}: {comment}");
                break;
            case TransitionEffect.Approve:
                await notifier.ToUsersAsync(authors, "approved", item.ContentItemId,
                    instance.State == WorkflowStates.Published ? $"Published: {title}" : $"Signed off: {title}",
                    $"{actor.Name} signed off {title}. {afterwards ?? "It can now be published."}");
                if (definition.NotifyDpoOnApproval)
                {
                    await notifier.ToRolesAsync([Roles.DataProtectionOfficer], [], "dpo-sign-off", item.ContentItemId, $"Social media sign-off: {title}",
                        $"{actor.Name} signed off {title} for the school's social media. You are told as the data protection officer.");
                }
                break;
            case TransitionEffect.Publish:
                await notifier.ToUsersAsync(authors, "published", item.ContentItemId, $"Published: {title}", $"{title} is now on the school's website.");
                break;
        }
        await ToNextReviewersAsync(item, definition, instance, next => next.Effect == TransitionEffect.Check
            ? ("check", $"Please check {title}", $"{title} is waiting for you to check it ({next.DisplayName}). Open it from My tasks.")
            : ("sign-off", $"Please sign off {title}", $"{title} is waiting for you: {next.DisplayName}. It is published as soon as you do. Open it from My tasks."));
    }

    /// <summary>Whoever can take the item's next check or sign-off is told, never the people the rules exclude (its authors, and for sign-off its checker).</summary>
    public async Task ToNextReviewersAsync(ContentItem item, WorkflowDefinition definition, WorkflowInstance instance,
        Func<TransitionDefinition, (string Kind, string Subject, string Message)> describe)
    {
        foreach (var next in definition.Transitions.Where(t => t.From.Contains(instance.State) && t.Effect is TransitionEffect.Check or TransitionEffect.Approve))
        {
            var excluded = instance.EditorIds.Append(next.Rules.Contains("not-checker") ? instance.CheckedBy : null).OfType<string>().ToList();
            var (kind, subject, message) = describe(next);
            if (next.Permission is { } permission)
            {
                await notifier.ToPermissionAsync(permission, excluded, kind, item.ContentItemId, subject, message);
            }
            if (next.Roles.Count > 0)
            {
                await notifier.ToRolesAsync(next.Roles, excluded, kind, item.ContentItemId, subject, message);
            }
        }
        await notifier.FlushAsync();
    }
}
