using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.TheAdmin.Pages.Admin;

[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class DashboardModel(AdminNavigation navigation, TenantContext tenant, IEnumerable<IDashboardFacts> facts) : PageModel
{
    /// <summary>What the modules say about the school (who is responsible for the website…).</summary>
    public IReadOnlyList<string> Facts { get; private set; } = [];

    public string SiteName => tenant.Shell.Settings.SiteName;

    /// <summary>What this person may open, under the same headings as the navigation.</summary>
    public IReadOnlyList<AdminMenuGroup> Groups { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Groups = await navigation.GroupedForAsync(User);
        var said = new List<string>();
        foreach (var source in facts)
        {
            said.AddRange(await source.ForAsync(User));
        }
        Facts = said;
    }
}
