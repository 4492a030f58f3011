using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Models;

namespace SchoolSite.Consent.Pages.Admin.Consent;

/// <summary>
/// Pictures of me: a member of staff answers for themselves, for each purpose, like a family does for a pupil (nothing
/// ticked until they answer, and they can change their mind at any time). Found in the register by their account's e-mail.
/// </summary>
[SchoolOnly]
[Feature(Manifest.ConsentFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class MineModel(PeopleRegister register, UserManager<SchoolUser> users, TenantContext tenant, TimeProvider time) : PageModel
{
    public sealed record PurposeChoice(ConsentPurpose Purpose, ConsentStatus? Current);

    [BindProperty] public Dictionary<string, string> Choice { get; set; } = new();

    public Person? Me { get; private set; }
    public IReadOnlyList<PurposeChoice> Purposes { get; private set; } = [];
    public string YearLabel { get; private set; } = string.Empty;
    public IReadOnlyList<string> Saved { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (Me is null || !ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.GetUserAsync(User);
        var saved = new List<string>();
        foreach (var choice in Purposes)
        {
            if (!Choice.TryGetValue(choice.Purpose.Name, out var answer) || answer is not ("yes" or "no"))
            {
                continue;
            }
            var status = PeopleRegister.StatusFor(choice.Purpose, answer == "yes");
            if (status == choice.Current)
            {
                continue;
            }
            await register.RecordConsentAsync(Me, choice.Purpose, status, user?.DisplayName ?? user?.Email, "own account", null, Actor.Of(User).Name,
                voice: ConsentRecord.Self);
            saved.Add($"{choice.Purpose.DisplayName}: {(status == ConsentStatus.Granted ? "yes" : "no")}");
        }
        await LoadAsync();
        Saved = saved.Count > 0 ? saved : ["Nothing changed."];
        return Page();
    }

    private async Task LoadAsync()
    {
        var year = SchoolYear.Of(time.GetUtcNow(), tenant.Shell.Settings);
        YearLabel = SchoolYear.Label(year);
        var email = (await users.GetUserAsync(User))?.Email?.ToLowerInvariant();
        Me = email is null ? null : await register.Db.People.AsNoTracking()
            .FirstOrDefaultAsync(p => p.Kind == PersonKind.Staff && p.Status == PersonStatus.OnRoll && p.AccountEmail == email);
        if (Me is null)
        {
            return;
        }
        var mine = await register.AnswersInVoiceAsync(Me.Id, year, ConsentRecord.Self);
        Purposes = (await register.Db.Purposes.AsNoTracking().OrderBy(p => p.DisplayName).ToListAsync())
            .Select(p => new PurposeChoice(p, mine.TryGetValue(p.Name, out var status) ? status : null)).ToList();
    }
}
