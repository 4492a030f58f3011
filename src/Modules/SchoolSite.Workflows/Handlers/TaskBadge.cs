using System.Security.Claims;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Tenancy;
using SchoolSite.Workflows.Services;

namespace SchoolSite.Workflows.Handlers;

/// <summary>"My tasks (3)" in the admin header: the tasks the My tasks page lists, so the two always agree.</summary>
public sealed class TaskBadge(MyTasks tasks, TenantContext tenant) : IAdminBadges
{
    public async Task<AdminBadge?> ForAsync(ClaimsPrincipal user)
    {
        if (tenant.IsHost || !tenant.Shell.IsEnabled(Manifest.WorkflowsFeature) || user.FindFirstValue(ClaimTypes.NameIdentifier) is null)
        {
            return null;
        }
        return new AdminBadge("My tasks", "/admin/tasks", (await tasks.ForAsync(user)).Count);
    }
}
