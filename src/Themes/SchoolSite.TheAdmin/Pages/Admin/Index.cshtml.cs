using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.TheAdmin.Pages.Admin;

[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class DashboardModel(AdminNavigation navigation, TenantContext tenant) : PageModel
{
    public string SiteName => tenant.Shell.Settings.SiteName;

    public IReadOnlyList<AdminMenuItem> Items { get; private set; } = [];

    public async Task OnGetAsync() => Items = await navigation.VisibleToAsync(User);
}
