using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Policies.Services;

namespace SchoolSite.Policies.Pages.Admin.Policies;

/// <summary>Every policy with its version, review status (current, review due, overdue) and how many staff have acknowledged it.</summary>
[SchoolOnly]
[Feature(Manifest.PoliciesFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class IndexModel(PolicyBook book, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<(PolicyInfo Policy, ReviewStatus Status, PolicyReport? Report)> Rows { get; private set; } = [];
    public bool CanSeeReports { get; private set; }

    public async Task OnGetAsync()
    {
        CanSeeReports = (await authorization.AuthorizeAsync(User, PermissionRequirement.Policy(Permissions.ViewAcknowledgements))).Succeeded;
        var staff = (await authorization.AuthorizeAsync(User, PermissionRequirement.Policy(Permissions.ViewStaffPolicies))).Succeeded;
        var rows = new List<(PolicyInfo, ReviewStatus, PolicyReport?)>();
        foreach (var policy in (await book.PublishedAsync()).Where(p => staff || !p.StaffOnly))
        {
            rows.Add((policy, book.StatusOf(policy), CanSeeReports && policy.NeedsAcknowledgement ? await book.ReportAsync(policy.Id) : null));
        }
        Rows = rows;
    }
}
