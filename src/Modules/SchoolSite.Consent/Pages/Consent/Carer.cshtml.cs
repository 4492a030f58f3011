using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Consent.Pages.Consent;

/// <summary>
/// What a carer sees through their secure link: each purpose on its own, in plain words, with their
/// current answer for this school year; they can give or withdraw each one, and it counts at once.
/// </summary>
[SchoolOnly]
[Feature(Manifest.ConsentFeature)]
[AllowAnonymous]
[NoSchoolContent("a carer's own consent answers, behind their secret link")]
public sealed class CarerModel(ConsentLinks links, PeopleRegister register, ConsentGate gate, TenantContext tenant, TimeProvider time) : PageModel
{
    public sealed record PurposeChoice(ConsentPurpose Purpose, ConsentStatus? Current);

    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public Dictionary<string, string> Choice { get; set; } = new();

    public string ChildName { get; private set; } = string.Empty;
    public string CarerName { get; private set; } = string.Empty;
    public string SchoolYearLabel { get; private set; } = string.Empty;
    public IReadOnlyList<PurposeChoice> Purposes { get; private set; } = [];
    public IReadOnlyList<string> Saved { get; private set; } = [];
    public string? Refusal { get; private set; }

    private ConsentLink? _link;
    private Person? _person;
    private int _year;

    /// <summary>Whose answers these are: a contact's own link records in their own voice (<see cref="ConsentRecord.Voice"/>).</summary>
    private string? Voice => _link?.CarerId is { } carer ? ConsentRecord.VoiceOf(carer) : null;

    public async Task<IActionResult> OnGetAsync() => await OpenAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await OpenAsync() is { } refused)
        {
            return refused;
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (link, person) = (_link!, _person!);
        var saved = new List<string>();
        foreach (var choice in Purposes)
        {
            if (!Choice.TryGetValue(choice.Purpose.Name, out var answer) || answer is not ("yes" or "no"))
            {
                continue;
            }
            var status = PeopleRegister.StatusFor(choice.Purpose, answer == "yes");
            if (status == choice.Current || (choice.Current is null && answer == "yes" && choice.Purpose.LawfulBasis == "public-task"))
            {
                continue;
            }
            await register.RecordConsentAsync(person, choice.Purpose, status, link.CarerName, "online form", null, $"carer link ({link.CarerName})",
                _year, Voice);
            saved.Add($"{choice.Purpose.DisplayName}: {Describe(choice.Purpose, status)}");
        }
        await links.UsedAsync(link);
        await LoadAsync();
        Saved = saved.Count > 0 ? saved : ["Nothing changed."];
        return Page();
    }

    public static string Describe(ConsentPurpose purpose, ConsentStatus? status) => (purpose.LawfulBasis, status) switch
    {
        ("public-task", ConsentStatus.Objected) => "you have objected",
        ("public-task", _) => "no objection",
        (_, ConsentStatus.Granted) => "yes, you agree",
        (_, ConsentStatus.Refused) => "no",
        _ => "not answered yet (counts as no)",
    };

    // The caller's own address: the forwarded-headers middleware has taken it from the trust's proxies, and only from them.
    private string Caller => LinkGuard.CallerOf(HttpContext.Connection.RemoteIpAddress);

    private async Task<IActionResult?> OpenAsync()
    {
        Response.Headers.CacheControl = "no-store";
        var (outcome, link, person) = await links.OpenAsync(Token, Caller);
        if (outcome == ConsentLinks.Outcome.Found)
        {
            (_link, _person) = (link, person);
            // A consent round's link asks about the year the round is for (the coming one, when it runs before the summer).
            _year = link!.RoundId is { } round && await register.Db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == round) is { } asked
                ? asked.SchoolYear
                : SchoolYear.Of(time.GetUtcNow(), tenant.Shell.Settings);
            await LoadAsync();
            return null;
        }
        (Refusal, var status) = outcome switch
        {
            ConsentLinks.Outcome.Expired => ("This link has expired. Please ask the school office for a new one.", StatusCodes.Status410Gone),
            ConsentLinks.Outcome.Revoked => ("This link has been withdrawn by the school. Please ask the school office for a new one.", StatusCodes.Status410Gone),
            ConsentLinks.Outcome.TooManyAttempts => ($"Too many wrong links were tried from here. Please check you copied all of your link and try again in {LinkGuard.Window.TotalMinutes:0} minutes, or ask the school office for a new one.", StatusCodes.Status429TooManyRequests),
            _ => ("This link is not valid. Please check you copied all of it, or ask the school office for a new one.", StatusCodes.Status404NotFound),
        };
        Response.StatusCode = status;
        if (status == StatusCodes.Status429TooManyRequests)
        {
            Response.Headers.RetryAfter = ((int)LinkGuard.Window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return Page();
    }

    private async Task LoadAsync()
    {
        SchoolYearLabel = SchoolYear.Label(_year);
        ChildName = _person!.PreferredFirstName ?? _person.LegalFirstName;
        CarerName = _link!.CarerName;
        // A contact sees their own answers (another carer's do not tick anything for them); a link made by hand, what counts.
        var answers = Voice is { } voice
            ? await register.AnswersInVoiceAsync(_person.Id, _year, voice)
            : (await gate.AnswersAsync(_person.Id, _year)).ToDictionary(a => a.Key, a => a.Value.Status);
        Purposes = (await register.Db.Purposes.AsNoTracking().OrderBy(p => p.DisplayName).ToListAsync())
            .Select(p => new PurposeChoice(p, answers.TryGetValue(p.Name, out var a) ? a : null)).ToList();
    }
}
