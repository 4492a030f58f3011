using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Consent.Pages.Admin.Consent;

/// <summary>
/// The round's letters for families without e-mail, one page each when printed, with the link written out and as a QR
/// code the app draws itself. Each print makes new links (only their hashes are kept), so this page is made on request.
/// </summary>
[SchoolOnly]
[Feature(Manifest.ConsentFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.RunConsentRound)]
public sealed class LettersModel(ConsentRounds rounds, TenantContext tenant, TimeProvider time) : PageModel
{
    public IReadOnlyList<RoundLetter> Letters { get; private set; } = [];
    public Models.ConsentRound? Round { get; private set; }
    public int Count { get; private set; }
    public string SchoolName => tenant.Shell.Settings.SiteName;

    public async Task OnGetAsync()
    {
        Round = await rounds.OpenAsync();
        Count = Round is null ? 0 : await rounds.LetterCountAsync(Round);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Round = await rounds.OpenAsync();
        if (Round is null)
        {
            return RedirectToPage("Round");
        }
        Letters = await rounds.PrintLettersAsync(Round, Actor.Of(User).Name);
        Count = Letters.Count;
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public string Today => tenant.Shell.Settings.DateAt(time.GetUtcNow()).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
}
