using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Consent.Pages.Admin.People;

/// <summary>
/// One person: their consent for each purpose this school year with its history, recording a new answer,
/// the never-publish flag and leaving, carers' links, and where their pictures are used (shown at once
/// after a withdrawal so that copies can be taken down).
/// </summary>
[SchoolOnly]
[Feature(Manifest.ConsentFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ViewPeople)]
public sealed class PersonModel(PeopleRegister register, IPictureClearance gate, Takedown takedown, ConsentLinks links, IAuthorizationService authorization,
    TenantContext tenant, TimeProvider time) : PageModel
{
    public sealed record PurposeRow(ConsentPurpose Purpose, PictureDecision Decision, IReadOnlyList<ConsentRecord> History);

    public sealed class ConsentForm
    {
        public string? Purpose { get; set; }
        public string? Status { get; set; }
        public string? GivenBy { get; set; }
        [MaxLength(ConsentRecord.MethodLength)]
        public string? Method { get; set; }
        [MaxLength(TextLimits.Note)]
        public string? Note { get; set; }
    }

    public static readonly string[] Methods = ["paper form", "online form", "email", "in person", "telephone"];

    [BindProperty(SupportsGet = true)] public string Id { get; set; } = string.Empty;
    [BindProperty] public ConsentForm Consent { get; set; } = new();
    [BindProperty] public bool NeverPublish { get; set; }
    [BindProperty] public bool HasLeft { get; set; }
    [BindProperty] public bool PrivateLikePupil { get; set; }
    [BindProperty, MaxLength(TextLimits.Name)] public string? CarerName { get; set; }
    [BindProperty] public string? LinkId { get; set; }

    public Person Person { get; private set; } = null!;
    public IReadOnlyList<PurposeRow> Purposes { get; private set; } = [];
    public IReadOnlyList<TakedownEntry>? Uses { get; private set; }
    public IReadOnlyList<TakedownTask> Tasks { get; private set; } = [];
    public IReadOnlyList<ConsentLink> Links { get; private set; } = [];
    public string YearLabel { get; private set; } = string.Empty;
    public bool CanManageConsent { get; private set; }
    public bool CanManagePeople { get; private set; }
    public bool ShowTakedown { get; private set; }
    public string? Message { get; private set; }
    public string? NewLink { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostConsentAsync()
    {
        if (!await LoadAsync() || !CanManageConsent)
        {
            return Forbid();
        }
        var (purpose, status, errors) = await register.CheckAnswerAsync(Consent.Purpose, Consent.Status);
        foreach (var (field, messages) in errors)
        {
            ModelState.AddModelError($"Consent.{char.ToUpperInvariant(field[0])}{field[1..]}", messages[0]);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await register.RecordConsentAsync(Person, purpose!, status, Consent.GivenBy, Consent.Method, Consent.Note, Actor);
        Message = $"Recorded: {purpose!.DisplayName}, {status}. It counts from now.";
        ShowTakedown = status != ConsentStatus.Granted;
        Consent = new ConsentForm();
        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostFlagsAsync()
    {
        if (!await LoadAsync() || !CanManagePeople)
        {
            return Forbid();
        }
        var person = (await register.FindAsync(Id))!;
        var before = PeopleRegister.Snapshot(person);
        var wasBlocked = person.NeverPublish || person.Status == PersonStatus.Left;
        person.NeverPublish = NeverPublish;
        person.Status = HasLeft ? PersonStatus.Left : PersonStatus.OnRoll;
        person.PrivateLikePupil = PrivateLikePupil;
        await register.SaveAsync(new Dictionary<string, string> { [person.Id] = before }, Actor);
        Message = "Saved. It counts from now.";
        ShowTakedown = !wasBlocked && (NeverPublish || HasLeft);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostLinkAsync()
    {
        if (!await LoadAsync() || !CanManageConsent)
        {
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (string.IsNullOrWhiteSpace(CarerName))
        {
            ModelState.AddModelError(nameof(CarerName), "Give the name of the parent or carer the link is for.");
            return Page();
        }
        var (_, token) = await links.IssueAsync(Person, CarerName, ConsentLinks.DefaultLifetime, Actor);
        NewLink = $"{Request.Scheme}://{Request.Host}{Request.PathBase}/consent/{token}";
        CarerName = null;
        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        if (!await LoadAsync() || !CanManageConsent)
        {
            return Forbid();
        }
        await links.RevokeAsync(Id, LinkId ?? string.Empty, Actor);
        Message = "The link no longer works.";
        await LoadAsync();
        return Page();
    }

    private string Actor => Core.Security.Actor.Of(User).Name;

    private async Task<bool> LoadAsync()
    {
        if (await register.Db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == Id) is not { } person)
        {
            return false;
        }
        Person = person;
        if (Request.Method == "GET")
        {
            (NeverPublish, HasLeft, PrivateLikePupil) = (person.NeverPublish, person.Status == PersonStatus.Left, person.PrivateLikePupil);
        }
        CanManageConsent = (await authorization.AuthorizeAsync(User, PermissionRequirement.Policy(Permissions.ManageConsent))).Succeeded;
        CanManagePeople = (await authorization.AuthorizeAsync(User, PermissionRequirement.Policy(Permissions.ManagePeople))).Succeeded;
        var year = SchoolYear.Of(time.GetUtcNow(), tenant.Shell.Settings);
        YearLabel = SchoolYear.Label(year);
        var records = await register.Db.Records.AsNoTracking().Where(r => r.PersonId == Id && r.SchoolYear == year).ToListAsync();
        var rows = new List<PurposeRow>();
        foreach (var purpose in await register.Db.Purposes.AsNoTracking().OrderBy(p => p.DisplayName).ToListAsync())
        {
            rows.Add(new PurposeRow(purpose, await gate.DecideAsync([Id], purpose.Name),
                records.Where(r => r.Purpose == purpose.Name).OrderByDescending(r => r.RecordedUtc).ThenByDescending(r => r.Id).ToList()));
        }
        Purposes = rows;
        if (CanManageConsent)
        {
            Uses = (await takedown.ForAsync(Id)).Uses;
            Tasks = await takedown.TasksForAsync(Id);
            Links = await links.ForAsync(Id);
        }
        return true;
    }
}
