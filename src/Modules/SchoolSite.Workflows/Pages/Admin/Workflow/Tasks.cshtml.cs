using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Notifications.Models;
using SchoolSite.Notifications.Services;
using SchoolSite.Workflows.Services;

namespace SchoolSite.Workflows.Pages.Admin.Workflow;

/// <summary>My tasks: what waits for my check or sign-off, my items sent back or not published, and my notifications.</summary>
[SchoolOnly]
[Feature(Manifest.WorkflowsFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class TasksModel(MyTasks tasks, Notifier notifier, TenantContext tenant) : PageModel
{
    public MyTasks.Lists Tasks { get; private set; } = new([], []);
    public IReadOnlyList<Notification> Notifications { get; private set; } = [];
    public Core.Settings.SiteSettings Settings => tenant.Shell.Settings;

    public async Task OnGetAsync()
    {
        Tasks = await tasks.ForAsync(User);
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is { } me)
        {
            Notifications = await notifier.ForAsync(me, 50);
            await notifier.MarkReadAsync(me);
        }
    }
}
