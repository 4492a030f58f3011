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

    /// <summary>One contact as the form gives it: <see cref="Number"/> 0 adds a contact, otherwise it changes that one.</summary>
    public sealed class ContactForm
    {
        public int Number { get; set; }
        [MaxLength(Carer.NameLength)] public string? Name { get; set; }
        [MaxLength(Carer.RelationshipLength)] public string? Relationship { get; set; }
        [MaxLength(Carer.EmailLength)] public string? Email { get; set; }
        [MaxLength(Carer.PhoneLength)] public string? Phone { get; set; }
        public bool ParentalResponsibility { get; set; }
        public bool DoNotContact { get; set; }
        [MaxLength(Carer.ReasonLength)] public string? DoNotContactReason { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string Id { get; set; } = string.Empty;
    [BindProperty] public ConsentForm Consent { get; set; } = new();
    [BindProperty] public bool NeverPublish { get; set; }
    [BindProperty] public bool HasLeft { get; set; }
    [BindProperty] public bool PrivateLikePupil { get; set; }
    [BindProperty, MaxLength(254)] public string? AccountEmail { get; set; }
    [BindProperty, MaxLength(TextLimits.Name)] public string? CarerName { get; set; }
    [BindProperty] public string? LinkId { get; set; }
    [BindProperty] public ContactForm Contact { get; set; } = new();

    public Person Person { get; private set; } = null!;
    public IReadOnlyList<PurposeRow> Purposes { get; private set; } = [];
    public IReadOnlyList<TakedownEntry>? Uses { get; private set; }
    public IReadOnlyList<TakedownTask> Tasks { get; private set; } = [];
    public IReadOnlyList<ConsentLink> Links { get; private set; } = [];
    public IReadOnlyList<Carer> Carers { get; private set; } = [];
    public bool CanSeeRestrictions { get; private set; }
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
        var email = string.IsNullOrWhiteSpace(AccountEmail) ? null : AccountEmail.Trim();
        if (person.Kind == PersonKind.Staff && email is not null && !CarerImportColumns.IsEmail(email))
        {
            ModelState.AddModelError(nameof(AccountEmail), $"'{email}' is not an e-mail address: give the address they sign in with.");
            return Page();
        }
        var before = PeopleRegister.Snapshot(person);
        var wasBlocked = person.NeverPublish || person.Status == PersonStatus.Left;
        person.NeverPublish = NeverPublish;
        person.Status = HasLeft ? PersonStatus.Left : PersonStatus.OnRoll;
        person.PrivateLikePupil = PrivateLikePupil;
        if (person.Kind == PersonKind.Staff)
        {
            person.AccountEmail = email?.ToLowerInvariant();
        }
        await register.SaveAsync(new Dictionary<string, string> { [person.Id] = before }, Actor);
        Message = "Saved. It counts from now.";
        ShowTakedown = !wasBlocked && (NeverPublish || HasLeft);
        await LoadAsync();
        return Page();
    }

    /// <summary>
    /// Adds or changes one contact. Anyone who manages the register can flag a contact "do not contact"; only the DPO or an
    /// administrator (who see why) can lift the flag or change its reason.
    /// </summary>
    public async Task<IActionResult> OnPostContactAsync()
    {
        if (!await LoadAsync() || !CanManagePeople)
        {
            return Forbid();
        }
        var name = Contact.Name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            ModelState.AddModelError("Contact.Name", "Give the contact's name.");
        }
        var email = string.IsNullOrWhiteSpace(Contact.Email) ? null : Contact.Email.Trim();
        if (email is not null && !CarerImportColumns.IsEmail(email))
        {
            ModelState.AddModelError("Contact.Email", $"'{email}' is not an e-mail address.");
        }
        foreach (var (field, value) in new[] { ("Name", name), ("Relationship", Contact.Relationship), ("Phone", Contact.Phone), ("DoNotContactReason", Contact.DoNotContactReason) })
        {
            if (TextLimits.CharacterProblem(field, value) is { } problem)
            {
                ModelState.AddModelError($"Contact.{field}", problem);
            }
        }
        if (!Contact.DoNotContact && !string.IsNullOrWhiteSpace(Contact.DoNotContactReason))
        {
            ModelState.AddModelError("Contact.DoNotContactReason", "A reason is kept only for a contact marked \"do not contact\": tick that too, or leave the reason empty.");
        }
        var editing = Carers.FirstOrDefault(c => c.Priority == Contact.Number);
        if (Contact.Number != 0 && editing is null)
        {
            ModelState.AddModelError("Contact.Number", "That contact is no longer on the list: the page may be out of date. Open it again.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var lifting = editing is { DoNotContact: true } && CanSeeRestrictions;
        var edited = new CarerRow(editing?.Priority ?? Carers.Select(c => c.Priority).DefaultIfEmpty(0).Max() + 1, name!, Blank(Contact.Relationship), email,
            Blank(Contact.Phone), Contact.ParentalResponsibility, Contact.DoNotContact,
            editing is { DoNotContact: true } && !CanSeeRestrictions ? editing.DoNotContactReason : Blank(Contact.DoNotContactReason));
        var rows = Carers.Where(c => c != editing).Select(CarerChange.RowOf).Append(edited).ToList();
        if (CarerChange.For(Id, Carers, rows, lifting ? editing : null) is { } change)
        {
            await register.SaveCarersAsync(change, Actor);
        }
        Message = $"Saved {name}'s details.";
        Contact = new ContactForm();
        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

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
            (NeverPublish, HasLeft, PrivateLikePupil, AccountEmail) = (person.NeverPublish, person.Status == PersonStatus.Left, person.PrivateLikePupil, person.AccountEmail);
        }
        CanManageConsent = (await authorization.AuthorizeAsync(User, PermissionRequirement.Policy(Permissions.ManageConsent))).Succeeded;
        CanManagePeople = (await authorization.AuthorizeAsync(User, PermissionRequirement.Policy(Permissions.ManagePeople))).Succeeded;
        CanSeeRestrictions = (await authorization.AuthorizeAsync(User, PermissionRequirement.Policy(Permissions.ViewContactRestrictions))).Succeeded;
        Carers = await register.CarersAsync(Id);
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
