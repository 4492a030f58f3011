using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Policies.Services;

namespace SchoolSite.Policies.Pages.Admin.Policies;

/// <summary>What I still have to read and acknowledge.</summary>
[SchoolOnly]
[Feature(Manifest.PoliciesFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class MineModel(PolicyBook book) : PageModel
{
    [BindProperty] public string? PolicyId { get; set; }
    [BindProperty] public int Version { get; set; }

    public IReadOnlyList<PolicyInfo> Outstanding { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync() => Outstanding = await book.OutstandingForAsync(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            await OnGetAsync();
            return Page();
        }
        var (outcome, policy) = await book.AcknowledgeAsync(User, PolicyId ?? string.Empty, Version);
        (Message, Error) = outcome switch
        {
            AcknowledgeOutcome.Done or AcknowledgeOutcome.AlreadyDone => ($"Thank you: you have acknowledged '{policy!.Title}', version {Version}.", null),
            AcknowledgeOutcome.Stale => (null, $"'{policy!.Title}' has changed since you opened it: please read version {policy.Version!.Number}."),
            _ => ((string?)null, (string?)"That policy does not need acknowledging."),
        };
        await OnGetAsync();
        return Page();
    }
}
