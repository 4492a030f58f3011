using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Notifications.Models;
using SchoolSite.Notifications.Services;
using SchoolSite.Workflows.Models;
using SchoolSite.Workflows.Services;

namespace SchoolSite.Workflows.Pages.Admin.Workflow;

/// <summary>My tasks: what waits for my check or sign-off, my items sent back or failed, and my notifications.</summary>
[SchoolOnly]
[Feature(Manifest.WorkflowsFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class TasksModel(WorkflowDbContext db, WorkflowEngine engine, WorkflowTypes types, ContentManager content, Notifier notifier) : PageModel
{
    public sealed record Waiting(ContentItem Item, WorkflowInstance Instance, IReadOnlyList<string> Steps);

    public IReadOnlyList<Waiting> ForMe { get; private set; } = [];
    public IReadOnlyList<Waiting> Mine { get; private set; } = [];
    public IReadOnlyList<Notification> Notifications { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var open = await db.Instances.AsNoTracking().Where(i => i.State != WorkflowStates.Published).OrderBy(i => i.UpdatedUtc).Take(500).ToListAsync();
        var forMe = new List<Waiting>();
        var mine = new List<Waiting>();
        foreach (var instance in open)
        {
            if (await content.GetAsync(instance.ContentItemId, VersionOption.Latest) is not { } item)
            {
                continue;
            }
            if (instance.State != WorkflowStates.Draft && await types.NamedAsync(instance.WorkflowType) is { } definition)
            {
                var steps = (await engine.OptionsAsync(User, item, definition, instance))
                    .Where(o => o.Allowed && o.Transition.Effect is TransitionEffect.Check or TransitionEffect.Approve or TransitionEffect.Publish)
                    .Select(o => o.Transition.DisplayName).ToList();
                if (steps.Count > 0)
                {
                    forMe.Add(new Waiting(item, instance, steps));
                }
            }
            if ((instance.SubmittedBy == me || item.Owner == me) && (instance.LastError is not null || instance.State == WorkflowStates.Draft && instance.SubmittedBy is not null))
            {
                mine.Add(new Waiting(item, instance, []));
            }
        }
        (ForMe, Mine) = (forMe, mine);
        if (me is not null)
        {
            Notifications = await notifier.ForAsync(me, 50);
            await notifier.MarkReadAsync(me);
        }
    }
}
