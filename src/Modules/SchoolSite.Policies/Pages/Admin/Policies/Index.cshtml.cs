using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Policies.Services;

namespace SchoolSite.Policies.Pages.Admin.Policies;

/// <summary>
/// Every policy with its version, review status (current, review due, overdue), whether the person reading has
/// acknowledged it and, for those who may see it, how many staff have.
/// </summary>
[SchoolOnly]
[Feature(Manifest.PoliciesFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class IndexModel(PolicyBook book, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<(PolicyInfo Policy, ReviewStatus Status, PolicyReport? Report)> Rows { get; private set; } = [];
    public bool CanSeeReports { get; private set; }

    /// <summary>The policies this person still has to acknowledge (the current version of each).</summary>
    public IReadOnlySet<string> MineOutstanding { get; private set; } = new HashSet<string>();

    public async Task OnGetAsync()
    {
        CanSeeReports = (await authorization.AuthorizeAsync(User, PermissionRequirement.Policy(Permissions.ViewAcknowledgements))).Succeeded;
        var staff = (await authorization.AuthorizeAsync(User, PermissionRequirement.Policy(Permissions.ViewStaffPolicies))).Succeeded;
        var published = (await book.PublishedAsync()).Where(p => staff || !p.StaffOnly).ToList();
        MineOutstanding = (await book.OutstandingForAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!, published)).Select(p => p.Id).ToHashSet();
        var rows = new List<(PolicyInfo, ReviewStatus, PolicyReport?)>();
        foreach (var policy in published)
        {
            rows.Add((policy, book.StatusOf(policy), CanSeeReports && policy.NeedsAcknowledgement ? await book.ReportAsync(policy.Id) : null));
        }
        Rows = rows;
    }
}
