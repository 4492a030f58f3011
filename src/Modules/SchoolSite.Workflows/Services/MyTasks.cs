using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Workflows.Models;

namespace SchoolSite.Workflows.Services;

/// <summary>
/// A person's tasks: items waiting for a step only they (among others) can take now, and their own items that need them
/// (sent back, or not published at the planned time). The My tasks page and the count beside it in the header are the
/// same list, so the number always matches what the page shows.
/// </summary>
public sealed class MyTasks(WorkflowDbContext db, WorkflowTypes types, WorkflowEngine engine, ContentManager content)
{
    public sealed record Waiting(ContentItem Item, WorkflowDefinition Definition, WorkflowInstance Instance, IReadOnlyList<string> Steps);

    public sealed record Lists(IReadOnlyList<Waiting> ForMe, IReadOnlyList<Waiting> Mine)
    {
        public int Count => ForMe.Count + Mine.Count;
    }

    // The header's badge and the tasks page ask in the same request: the lists are worked out once.
    private (ClaimsPrincipal User, Lists Lists)? _last;

    public async Task<Lists> ForAsync(ClaimsPrincipal user)
    {
        if (_last is { } last && ReferenceEquals(last.User, user))
        {
            return last.Lists;
        }
        var lists = await WorkOutAsync(user);
        _last = (user, lists);
        return lists;
    }

    private async Task<Lists> WorkOutAsync(ClaimsPrincipal user)
    {
        var me = user.FindFirstValue(ClaimTypes.NameIdentifier);
        // Only items someone is waiting on: drafts nobody sent, and published items, are nobody's task.
        var open = await db.Instances.AsNoTracking()
            .Where(i => i.State != WorkflowStates.Published && (i.State != WorkflowStates.Draft || i.SubmittedBy != null || i.LastError != null))
            .OrderBy(i => i.UpdatedUtc).Take(500).ToListAsync();
        var forMe = new List<Waiting>();
        var mine = new List<Waiting>();
        foreach (var instance in open)
        {
            if (await types.NamedAsync(instance.WorkflowType) is not { } definition
                || await content.GetAsync(instance.ContentItemId, VersionOption.Latest) is not { } item)
            {
                continue;
            }
            if (instance.State != WorkflowStates.Draft)
            {
                var steps = (await engine.OptionsAsync(user, item, definition, instance, explain: false))
                    .Where(o => o.Allowed && o.Transition.Effect is TransitionEffect.Check or TransitionEffect.Approve or TransitionEffect.Publish)
                    .Select(o => o.Transition.DisplayName).ToList();
                if (steps.Count > 0)
                {
                    forMe.Add(new Waiting(item, definition, instance, steps));
                    continue;
                }
            }
            if ((instance.SubmittedBy == me || item.Owner == me) && (instance.LastError is not null || instance.State == WorkflowStates.Draft))
            {
                mine.Add(new Waiting(item, definition, instance, []));
            }
        }
        return new Lists(forMe, mine);
    }
}
