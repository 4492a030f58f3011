using System.Security.Claims;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Tenancy;
using SchoolSite.Notifications.Services;

namespace SchoolSite.Workflows.Handlers;

/// <summary>"My tasks (3)" in the admin header: notifications this user has not seen yet.</summary>
public sealed class TaskBadge(Notifier notifier, TenantContext tenant) : IAdminBadges
{
    public async Task<AdminBadge?> ForAsync(ClaimsPrincipal user)
    {
        if (tenant.IsHost || !tenant.Shell.IsEnabled(Manifest.WorkflowsFeature) || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } me)
        {
            return null;
        }
        return new AdminBadge("My tasks", "/admin/tasks", await notifier.UnreadCountAsync(me));
    }
}
