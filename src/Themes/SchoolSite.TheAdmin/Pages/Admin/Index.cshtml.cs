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

    /// <summary>What this person may open, under the same headings as the navigation.</summary>
    public IReadOnlyList<AdminMenuGroup> Groups { get; private set; } = [];

    public async Task OnGetAsync() => Groups = await navigation.GroupedForAsync(User);
}
