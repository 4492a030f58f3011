using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Consent.Models;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Services;

namespace SchoolSite.Consent.Pages.Admin.Consent;

/// <summary>
/// The yearly consent round: started by the DPO or an administrator with the school's own message, then how far it has
/// got by year group and class, who to chase, the letters to print, and closing it.
/// </summary>
[SchoolOnly]
[Feature(Manifest.ConsentFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ViewPeople)]
public sealed class RoundModel(ConsentRounds rounds, IAuthorizationService authorization, AccountLinkAddress address, TenantContext tenant, TimeProvider time)
    : PageModel
{
    public sealed class StartForm
    {
        public int SchoolYear { get; set; }
        public DateOnly? Closes { get; set; }
        [MaxLength(ConsentRound.MessageLength)] public string? Message { get; set; }
    }

    [BindProperty] public StartForm Start { get; set; } = new();

    public ConsentRound? Round { get; private set; }
    public bool IsOpen { get; private set; }
    public IReadOnlyList<RoundProgressRow> Progress { get; private set; } = [];
    public IReadOnlyList<Person> NobodyToAsk { get; private set; } = [];
    public int Letters { get; private set; }
    public bool CanRun { get; private set; }
    public int CurrentYear { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        Start = new StartForm
        {
            SchoolYear = CurrentYear + (tenant.Shell.Settings.DateAt(time.GetUtcNow()).Month is >= 4 and <= 8 ? 1 : 0),
            Closes = tenant.Shell.Settings.DateAt(time.GetUtcNow()).AddDays(21),
            Message = "Each year we ask how we may use photographs and videos of your child. Please answer for each use: you can say yes to some and no to others.",
        };
    }

    public async Task<IActionResult> OnPostStartAsync()
    {
        await LoadAsync();
        if (!CanRun)
        {
            return Forbid();
        }
        if (Start.Closes is null)
        {
            ModelState.AddModelError("Start.Closes", "Give the date the round closes.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (round, errors) = await rounds.StartAsync(Start.SchoolYear, Start.Closes!.Value, Start.Message, address.BaseFor(Request), Actor.Of(User).Name);
        foreach (var (field, messages) in errors)
        {
            ModelState.AddModelError(field == ConsentRounds.StillOpen ? string.Empty : $"Start.{char.ToUpperInvariant(field[0])}{field[1..]}", messages[0]);
        }
        if (round is null)
        {
            return Page();
        }
        Message = "The round has started: the e-mails are on their way. Print the letters for families without e-mail below.";
        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        await LoadAsync();
        if (!CanRun)
        {
            return Forbid();
        }
        if (Round is not null)
        {
            await rounds.CloseAsync(Round.Id, Actor.Of(User).Name);
        }
        Message = "The round is closed: its links no longer work.";
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        CanRun = (await authorization.AuthorizeAsync(User, PermissionRequirement.Policy(Permissions.RunConsentRound))).Succeeded;
        CurrentYear = SchoolYear.Of(time.GetUtcNow(), tenant.Shell.Settings);
        Round = await rounds.LatestAsync();
        if (Round is null)
        {
            return;
        }
        IsOpen = Round.IsOpenAt(time.GetUtcNow().UtcDateTime);
        Progress = await rounds.ProgressAsync(Round);
        NobodyToAsk = await rounds.NobodyToAskAsync(Round);
        Letters = await rounds.LetterCountAsync(Round);
    }
}
