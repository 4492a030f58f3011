using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Services;

namespace SchoolSite.Consent.Services;

/// <summary>
/// The one consent gate: every picture decision (render, file URL, publish check) comes here. It reads a
/// per-school, per-school-year index held in memory and rebuilt after any change, so a decision is a few
/// dictionary look-ups and a withdrawal counts from the next request.
/// What lasts: opt-in consent and refusals belong to one school year (consent is asked for again each
/// year); an objection under public task, and the never-publish flag, last until someone lifts them.
/// </summary>
public sealed class ConsentGate(ConsentDbContext db, TenantContext tenant, TimeProvider time)
    : IPictureClearance, ISchoolEventHandler<PersonChanged>, ISchoolEventHandler<ConsentPurposesChanged>
{
    /// <summary>A person's answer that counts now for a purpose, and the school year it was given in.</summary>
    public sealed record Answer(ConsentStatus Status, int SchoolYear);

    /// <summary><paramref name="Disputed"/>: the purposes the person's carers answer differently (the more restrictive answer counts).</summary>
    public sealed record PersonState(string Name, PersonStatus Status, bool NeverPublish, FrozenDictionary<string, Answer> Latest, FrozenSet<string> Disputed);

    public sealed record Index(int SchoolYear, FrozenDictionary<string, PersonState> People, FrozenDictionary<string, string> Bases);

    // First: the pages evicted after a change must be rendered from the new index.
    public int Order => -100;

    public Task HandleAsync(IReadOnlyList<PersonChanged> changes, CancellationToken cancellationToken) => ForgetAsync();

    public Task HandleAsync(IReadOnlyList<ConsentPurposesChanged> changes, CancellationToken cancellationToken) => ForgetAsync();

    /// <summary>Forgets what the register said: the gate reloads on next use.</summary>
    private Task ForgetAsync()
    {
        tenant.Shell.Evict<Index>();
        return Task.CompletedTask;
    }

    public async ValueTask<PictureDecision> DecideAsync(IReadOnlyList<string> personIds, string purpose)
    {
        if (!tenant.Shell.IsEnabled(Manifest.ConsentFeature))
        {
            return new PictureDecision(false, ["Consent records are not switched on for this school, so no picture of a person can be shown."]);
        }
        var index = await CurrentAsync();
        if (!index.Bases.TryGetValue(purpose, out var basis))
        {
            return new PictureDecision(false, [$"There is no consent purpose '{purpose}'."]);
        }
        var year = SchoolYear.Label(index.SchoolYear);
        var reasons = new List<string>();
        var reliesOnConsent = false;
        foreach (var id in personIds)
        {
            if (!index.People.TryGetValue(id, out var person))
            {
                reasons.Add($"{id} is not in the people register.");
                continue;
            }
            var answer = person.Latest.GetValueOrDefault(purpose);
            var status = answer?.Status;
            var reason = person switch
            {
                { NeverPublish: true } => $"{person.Name} must never be published.",
                { Status: PersonStatus.Left } => $"{person.Name} has left the school.",
                _ when basis == "public-task" && status == ConsentStatus.Objected
                    => $"{person.Name}'s family has objected ({purpose}, since {SchoolYear.Label(answer!.SchoolYear)}).",
                _ when basis == "public-task" => null,
                _ when status == ConsentStatus.Granted => Relies(),
                _ when status is null => $"No consent is recorded for {person.Name} ({purpose}, {year}).",
                _ => $"{person.Name}'s family has said no ({purpose}, {year}).",
            };
            if (reason is not null)
            {
                reasons.Add(reason);
            }
        }
        SchoolSite.Core.Diagnostics.SchoolSiteMetrics.ConsentDecided(reasons.Count == 0);
        if (reasons.Count > 0)
        {
            return new PictureDecision(false, reasons);
        }
        // Consent given for this school year stops counting when the year ends.
        return reliesOnConsent ? new PictureDecision(true, [], SchoolYear.End(index.SchoolYear, tenant.Shell.Settings)) : PictureDecision.Yes;

        string? Relies()
        {
            reliesOnConsent = true;
            return null;
        }
    }

    /// <summary>The answers that count now for a person, by purpose (this year's, and objections that last).</summary>
    public async Task<IReadOnlyDictionary<string, Answer>> AnswersAsync(string personId)
        => (await CurrentAsync()).People.TryGetValue(personId, out var person) ? person.Latest : FrozenDictionary<string, Answer>.Empty;

    /// <summary>
    /// The answers that count for a person in <paramref name="year"/>: this year's from the index; another (the coming year,
    /// asked in a consent round before it starts) from the records, by the same rule.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Answer>> AnswersAsync(string personId, int year)
    {
        var index = await CurrentAsync();
        if (year == index.SchoolYear)
        {
            return await AnswersAsync(personId);
        }
        var lasting = index.Bases.Where(b => b.Value == "public-task").Select(b => b.Key).ToList();
        var records = await db.Records.AsNoTracking()
            .Where(r => r.PersonId == personId && (r.SchoolYear == year || (r.SchoolYear < year && lasting.Contains(r.Purpose))))
            .OrderBy(r => r.SchoolYear).ThenBy(r => r.RecordedUtc).ThenBy(r => r.Id).ToListAsync();
        return records.GroupBy(r => r.Purpose).ToDictionary(g => g.Key, g => Standing(g).Answer);
    }

    /// <summary>Everyone's answers for <paramref name="year"/> by the gate's rule, read at once (the warning before the new year).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, Answer>>> AnswersForYearAsync(int year)
    {
        var lasting = (await CurrentAsync()).Bases.Where(b => b.Value == "public-task").Select(b => b.Key).ToList();
        var records = await db.Records.AsNoTracking()
            .Where(r => r.SchoolYear == year || (r.SchoolYear < year && lasting.Contains(r.Purpose)))
            .OrderBy(r => r.SchoolYear).ThenBy(r => r.RecordedUtc).ThenBy(r => r.Id).ToListAsync();
        return records.GroupBy(r => r.PersonId).ToDictionary(g => g.Key,
            g => (IReadOnlyDictionary<string, Answer>)g.GroupBy(r => r.Purpose).ToDictionary(p => p.Key, p => Standing(p).Answer));
    }

    public async ValueTask<IReadOnlyList<string>> PurposesAsync()
        => tenant.Shell.IsEnabled(Manifest.ConsentFeature) ? [.. (await CurrentAsync()).Bases.Keys.Order(StringComparer.Ordinal)] : [];

    private async Task<Index> CurrentAsync()
    {
        var year = SchoolYear.Of(time.GetUtcNow(), tenant.Shell.Settings);
        var index = await tenant.Shell.GetOrLoadAsync(() => LoadAsync(year));
        if (index.SchoolYear == year)
        {
            return index;
        }
        // Consent lapses at school-year end: a new year starts from its own records.
        tenant.Shell.Evict<Index>();
        return await tenant.Shell.GetOrLoadAsync(() => LoadAsync(year));
    }

    private async Task<Index> LoadAsync(int year)
    {
        var people = await db.People.AsNoTracking().ToListAsync();
        var bases = await db.Purposes.AsNoTracking().ToDictionaryAsync(p => p.Name, p => p.LawfulBasis);
        var lasting = bases.Where(b => b.Value == "public-task").Select(b => b.Key).ToList();
        // Under public task the latest answer counts whatever year it was given in: an objection stands until it is lifted.
        var records = await db.Records.AsNoTracking()
            .Where(r => r.SchoolYear == year || (r.SchoolYear < year && lasting.Contains(r.Purpose)))
            .OrderBy(r => r.SchoolYear).ThenBy(r => r.RecordedUtc).ThenBy(r => r.Id).ToListAsync();
        var byPerson = records.GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g => g.GroupBy(r => r.Purpose).ToDictionary(p => p.Key, Standing));
        var latest = byPerson.ToDictionary(p => p.Key, p => p.Value.ToFrozenDictionary(a => a.Key, a => a.Value.Answer));
        var disputed = byPerson.ToDictionary(p => p.Key, p => p.Value.Where(a => a.Value.Disputed).Select(a => a.Key).ToFrozenSet());
        return new Index(
            year,
            // A name stored before the register had limits may be any length: the reasons written with it stay short.
            people.ToFrozenDictionary(p => p.Id, p => new PersonState(
                ShortText.Of(p.PreferredFirstName ?? p.LegalFirstName, Person.NameLength)!, p.Status, p.NeverPublish,
                latest.GetValueOrDefault(p.Id) ?? FrozenDictionary<string, Answer>.Empty, disputed.GetValueOrDefault(p.Id) ?? FrozenSet<string>.Empty)),
            bases.ToFrozenDictionary());
    }

    /// <summary>
    /// The answer that stands for one person and purpose, from their records in order: each voice's latest (each carer
    /// answering through their own link, and the school's own record), and where they differ the more restrictive, so no
    /// one carer can make a child more visible than another has allowed.
    /// </summary>
    private static (Answer Answer, bool Disputed) Standing(IEnumerable<ConsentRecord> ordered)
    {
        var voices = ordered.GroupBy(r => r.Voice ?? string.Empty).Select(v => v.Last()).OrderBy(r => r.SchoolYear).ThenBy(r => r.RecordedUtc).ThenBy(r => r.Id).ToList();
        var chosen = voices.LastOrDefault(r => r.Status != ConsentStatus.Granted) ?? voices[^1];
        return (new Answer(chosen.Status, chosen.SchoolYear), voices.Select(r => r.Status == ConsentStatus.Granted).Distinct().Count() > 1);
    }

    /// <summary>Everyone whose carers disagree this school year, with the purposes (for the DPO).</summary>
    public async Task<IReadOnlyList<(string PersonId, string Name, IReadOnlyList<string> Purposes)>> DisagreementsAsync()
        => (await CurrentAsync()).People.Where(p => p.Value.Disputed.Count > 0)
            .Select(p => (p.Key, p.Value.Name, (IReadOnlyList<string>)p.Value.Disputed.Order(StringComparer.Ordinal).ToList())).OrderBy(p => p.Name).ToList();
}
