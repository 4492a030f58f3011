using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Tenancy;
using SchoolSite.Workflows.Models;

namespace SchoolSite.Workflows.Handlers;

/// <summary>"My tasks (3)" in the admin header: notifications this user has not seen yet.</summary>
public sealed class TaskBadge(WorkflowDbContext db, TenantContext tenant) : IAdminBadges
{
    public async Task<AdminBadge?> ForAsync(ClaimsPrincipal user)
    {
        if (tenant.IsHost || !tenant.Shell.IsEnabled(Startup.WorkflowsFeature) || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } me)
        {
            return null;
        }
        return new AdminBadge("My tasks", "/admin/tasks", await db.Notifications.CountAsync(n => n.UserId == me && n.ReadUtc == null));
    }
}
