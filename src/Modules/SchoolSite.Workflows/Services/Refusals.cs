using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Security;
using SchoolSite.Workflows.Models;

namespace SchoolSite.Workflows.Services;

/// <summary>
/// Whether someone may take a review step now, and if not, why in words they can act on: who can do it and whom to
/// ask ("A senior leader or the headteacher needs to sign this off: ask Lena Leader."). Every rule is still checked
/// here, on the server; only the wording is for people. Each rule has its own sentence, so refusals stay distinguishable.
/// </summary>
public sealed class Refusals(ContentAuthorization rights, IAuthorizationService authorization, Colleagues colleagues)
{
    /// <summary>Null when the user may take the step; otherwise the reason. Without <paramref name="explain"/> nobody is looked up by name (lists of many items).</summary>
    public async Task<string?> WhyNotAsync(ClaimsPrincipal user, ContentItem item, WorkflowDefinition definition, WorkflowInstance instance,
        TransitionDefinition transition, bool explain = true)
    {
        if (!transition.From.Contains(instance.State))
        {
            return $"'{transition.DisplayName}' is not possible now: it is {ReviewWording.State(definition, instance)}.";
        }
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var verb = ReviewWording.Verb(transition);
        var (action, needed) = transition.Effect switch
        {
            TransitionEffect.Submit => (ContentAction.Edit, Contents.Permissions.EditContent),
            TransitionEffect.Publish or TransitionEffect.Unpublish => (ContentAction.Publish, Contents.Permissions.PublishContent),
            _ => ((ContentAction?)null, (string?)null),
        };
        if (action is { } act && !await rights.CanAsync(user, act, item))
        {
            var roles = await colleagues.RolesWithAsync(needed!);
            return $"Only {Colleagues.Describe(roles)} can {verb}{await AskAsync(roles, [userId], explain)}";
        }
        if (transition.Permission is { } permission && !(await authorization.AuthorizeAsync(user, PermissionRequirement.Policy(permission))).Succeeded)
        {
            var roles = await colleagues.RolesWithAsync(permission);
            return $"{ReviewWording.Capitalise(Colleagues.Describe(roles))} needs to {verb}{await AskAsync(roles, Excluded(transition, instance, userId), explain)}";
        }
        if (transition.Roles.Count > 0 && !transition.Roles.Any(user.IsInRole))
        {
            return $"{ReviewWording.Capitalise(Colleagues.Describe(transition.Roles))} needs to {verb}"
                + await AskAsync(transition.Roles, Excluded(transition, instance, userId), explain);
        }
        foreach (var rule in transition.Rules)
        {
            var broken = rule switch
            {
                "not-author" when userId is not null && instance.EditorIds.Contains(userId)
                    => $"You worked on this version, so a colleague needs to {verb}" + await AskAsync(await WhoAsync(transition), Excluded(transition, instance, userId), explain),
                "not-checker" when userId is not null && instance.CheckedBy == userId
                    => $"You checked this version, so someone else needs to {verb}" + await AskAsync(await WhoAsync(transition), Excluded(transition, instance, userId), explain),
                "author" when userId is null || (!instance.EditorIds.Contains(userId) && instance.SubmittedBy != userId)
                    => $"Only the people who wrote it can {verb}.",
                "checked-version" when instance.CheckedHash != WorkflowInstances.HashOf(item)
                    => "This version changed after it was checked, so it needs checking again: send it for review once more.",
                _ => null,
            };
            if (broken is not null)
            {
                return broken;
            }
        }
        return null;
    }

    /// <summary>The roles that may take the step: its roles, or those holding its permission.</summary>
    public async Task<IReadOnlyList<string>> WhoAsync(TransitionDefinition transition)
        => transition.Roles.Count > 0 ? transition.Roles
            : transition.Permission is { } permission ? await colleagues.RolesWithAsync(permission)
            : [];

    /// <summary>": ask Lena Leader or Luke Leader." — or, when nobody else could, what to do about that.</summary>
    private async Task<string> AskAsync(IReadOnlyList<string> roles, IReadOnlyCollection<string?> excluded, bool explain)
    {
        if (!explain)
        {
            return ".";
        }
        var names = await colleagues.NamesInAsync(roles, excluded.OfType<string>().ToList());
        return names.Count > 0
            ? $": ask {Colleagues.AskWhom(names)}."
            : $". Nobody else at the school can yet: an administrator can add {Colleagues.Describe(roles)} on the Users page.";
    }

    /// <summary>Never suggest someone the rules would refuse: the person asking, the item's authors, and for sign-off its checker.</summary>
    private static IReadOnlyCollection<string?> Excluded(TransitionDefinition transition, WorkflowInstance instance, string? userId)
    {
        var excluded = new List<string?> { userId };
        if (transition.Rules.Contains("not-author"))
        {
            excluded.AddRange(instance.EditorIds);
        }
        if (transition.Rules.Contains("not-checker"))
        {
            excluded.Add(instance.CheckedBy);
        }
        return excluded;
    }
}
