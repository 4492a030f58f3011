using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Events;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Consent.Services;

/// <summary>
/// Every change to the register and to consent goes through here: it is saved and announced as a
/// <see cref="PersonChanged"/> with its audit entry (before and after), so it takes effect on the next
/// request (the gate's index is rebuilt and the public pages that show the people concerned are evicted).
/// When someone stops being cleared for a purpose, the copies of their pictures outside the website go on
/// the takedown list.
/// </summary>
public sealed class PeopleRegister(ConsentDbContext db, TenantContext tenant, TimeProvider time, SchoolEvents events, ConsentGate gate, Takedown takedown,
    SchoolSite.Core.Jobs.JobAlarms alarms)
{
    public ConsentDbContext Db => db;

    public Task<Person?> FindAsync(string id) => db.People.FirstOrDefaultAsync(p => p.Id == id);

    /// <summary>A person as the audit log records them (no legal names: the register holds those).</summary>
    public static string Snapshot(Person person) => JsonSerializer.Serialize(new
    {
        person.ExternalId,
        Kind = person.Kind.ToString(),
        person.PreferredFirstName,
        person.YearGroup,
        person.ClassName,
        Status = person.Status.ToString(),
        person.NeverPublish,
        person.PrivateLikePupil,
        person.AccountEmail,
    });

    /// <summary>Why this MIS id cannot be used for <paramref name="personId"/> (someone else has it), or null. The MIS id names one person.</summary>
    public async Task<string?> MisIdClashAsync(string externalId, string? personId = null)
        => await db.People.AnyAsync(p => p.ExternalId == externalId && p.Id != personId)
            ? $"There is already someone with the MIS id '{externalId}'."
            : null;

    public Task AddAsync(Person person, string actor) => SaveAsync([person], NoChanges, actor);

    /// <summary>Saves changes made to tracked people; <paramref name="before"/> holds their snapshots from before the change.</summary>
    public Task SaveAsync(IReadOnlyDictionary<string, string> before, string actor) => SaveAsync([], before, actor);

    /// <summary>
    /// Adds <paramref name="added"/> and saves changes made to tracked people in one save, so that a batch (an import of
    /// the register) lands whole or not at all. Each person added or changed is announced, with their own audit entry.
    /// </summary>
    public async Task SaveAsync(IReadOnlyCollection<Person> added, IReadOnlyDictionary<string, string> before, string actor,
        IReadOnlyCollection<CarerChange>? carers = null)
    {
        var checks = await StageChecksAsync(before.Keys, actor);
        db.People.AddRange(added);
        var changes = new List<PersonChanged>(added.Count + before.Count);
        foreach (var person in added)
        {
            changes.Add(new PersonChanged(person.Id, new AuditEntry(actor, "people", "added", Subject(person.Id), null, Snapshot(person))));
        }
        foreach (var (id, was) in before)
        {
            var person = db.People.Find(id)!; // tracked, so from the identity map: no query, and unlike Local no scan of everything tracked
            var now = Snapshot(person);
            var action = person.NeverPublish && !was.Contains("\"NeverPublish\":true") ? "never-publish-set" : "changed";
            // Legal names are left out of the snapshot (and so of the audit), but a change of name still reaches the privacy check.
            changes.Add(new PersonChanged(id, now == was ? null : new AuditEntry(actor, "people", action, Subject(id), was, now)));
        }
        foreach (var change in carers ?? [])
        {
            changes.Add(ReplaceCarers(change, actor));
        }
        await events.CommitAsync(db, changes);
        await SettleAsync(checks);
    }

    /// <summary>One voice's latest answer for each purpose, for a person in a school year (a contact's own, or a member of staff's own).</summary>
    public async Task<IReadOnlyDictionary<string, ConsentStatus>> AnswersInVoiceAsync(string personId, int year, string voice)
        => (await db.Records.AsNoTracking().Where(r => r.PersonId == personId && r.SchoolYear == year && r.Voice == voice)
                .OrderBy(r => r.RecordedUtc).ThenBy(r => r.Id).ToListAsync())
            .GroupBy(r => r.Purpose).ToDictionary(g => g.Key, g => g.Last().Status);

    /// <summary>What a "yes" or "no" on a form means for a purpose: under public task a no is an objection.</summary>
    public static ConsentStatus StatusFor(ConsentPurpose purpose, bool yes)
        => yes ? ConsentStatus.Granted : purpose.LawfulBasis == "public-task" ? ConsentStatus.Objected : ConsentStatus.Refused;

    /// <summary>A person's contacts now, in the MIS's order.</summary>
    public async Task<IReadOnlyList<Carer>> CarersAsync(string personId)
        => await db.Carers.AsNoTracking().Where(c => c.PersonId == personId).OrderBy(c => c.Priority).ToListAsync();

    /// <summary>Replaces a person's contacts (from their page or the API), audited with the contacts before and after.</summary>
    public async Task SaveCarersAsync(CarerChange change, string actor)
        => await events.CommitAsync(db, [ReplaceCarers(change, actor)]);

    private PersonChanged ReplaceCarers(CarerChange change, string actor)
    {
        db.Carers.RemoveRange(change.Before); // as read for the change: tracked by an import, attached by key otherwise
        db.Carers.AddRange(change.After);
        return new PersonChanged(change.PersonId, new AuditEntry(actor, "people", "contacts-changed", Subject(change.PersonId),
            CarerChange.Snapshot(change.Before), CarerChange.Snapshot(change.After)));
    }

    /// <summary>
    /// Records an answer for this school year, or for <paramref name="forYear"/> (a consent round asking about the coming
    /// year). <paramref name="voice"/>: whose answer it is (<see cref="ConsentRecord.Voice"/>).
    /// </summary>
    public async Task<ConsentRecord> RecordConsentAsync(Person person, ConsentPurpose purpose, ConsentStatus status, string? givenBy, string? method,
        string? note, string actor, int? forYear = null, string? voice = null)
    {
        var now = time.GetUtcNow();
        var year = forYear ?? SchoolYear.Of(now, tenant.Shell.Settings);
        var previous = await db.Records.AsNoTracking()
            .Where(r => r.PersonId == person.Id && r.Purpose == purpose.Name && r.SchoolYear == year)
            .OrderByDescending(r => r.RecordedUtc).ThenByDescending(r => r.Id).FirstOrDefaultAsync();
        var checks = await StageChecksAsync([person.Id], actor);
        var record = new ConsentRecord
        {
            PersonId = person.Id,
            Purpose = purpose.Name,
            SchoolYear = year,
            Status = status,
            GivenBy = Trim(givenBy, 200),
            Method = Trim(method, 40),
            Note = note?.Trim(),
            RecordedBy = actor,
            RecordedUtc = now.UtcDateTime,
            Voice = voice,
        };
        db.Records.Add(record);
        var change = new PersonChanged(person.Id, new AuditEntry(actor, "consent", status.ToString().ToLowerInvariant(), Subject(person.Id),
            previous is null ? null : $"{purpose.Name} {SchoolYear.Label(year)}: {previous.Status}",
            $"{purpose.Name} {SchoolYear.Label(year)}: {status} (given by {givenBy ?? "not said"}, {method ?? "method not said"})"));
        await events.CommitAsync(db, change);
        await SettleAsync(checks);
        return record;
    }

    /// <summary>Checks a purpose and an answer as a form or the API gives them; errors are keyed "purpose" and "status".</summary>
    public async Task<(ConsentPurpose? Purpose, ConsentStatus Status, Dictionary<string, string[]> Errors)> CheckAnswerAsync(string? purposeName, string? statusName)
    {
        var errors = new Dictionary<string, string[]>();
        var purpose = purposeName is null ? null : await db.Purposes.AsNoTracking().FirstOrDefaultAsync(p => p.Name == purposeName);
        if (purpose is null)
        {
            errors["purpose"] = [$"Give one of the school's purposes: {string.Join(", ", await db.Purposes.Select(p => p.Name).ToListAsync())}."];
        }
        if (!EnumNames.TryParse<ConsentStatus>(statusName, out var status))
        {
            errors["status"] = ["Give Granted, Refused or Objected."];
        }
        else if (status == ConsentStatus.Objected && purpose?.LawfulBasis == "consent")
        {
            errors["status"] = [$"'{purpose.Name}' relies on consent: record Refused (or Granted), not Objected."];
        }
        return (purpose, status, errors);
    }

    private static readonly IReadOnlyDictionary<string, string> NoChanges = new Dictionary<string, string>();

    public static string Subject(string personId) => $"person:{personId}";

    /// <summary>The purposes each person is cleared for now, as the gate decides.</summary>
    private async Task<Dictionary<string, HashSet<string>>> ClearedAsync(IEnumerable<string> personIds)
    {
        var purposes = await gate.PurposesAsync();
        var cleared = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var id in personIds)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var purpose in purposes)
            {
                if ((await gate.DecideAsync([id], purpose)).Cleared)
                {
                    set.Add(purpose);
                }
            }
            cleared[id] = set;
        }
        return cleared;
    }

    /// <summary>
    /// Saved with the change: what each person was cleared for before it. Someone cleared for nothing cannot lose anything.
    /// </summary>
    private async Task<IReadOnlyList<TakedownCheck>> StageChecksAsync(IEnumerable<string> personIds, string actor)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var checks = (await ClearedAsync(personIds)).Where(c => c.Value.Count > 0)
            .Select(c => new TakedownCheck { PersonId = c.Key, ClearedBefore = string.Join(',', c.Value.Order(StringComparer.Ordinal)), Actor = actor, CreatedUtc = now })
            .ToList();
        if (checks.Count > 0)
        {
            // Due before the change is saved: if the host stops before the checks are settled, the job still comes.
            await alarms.WakeAsync<TakedownChecksJob>(tenant.Tenant.Name, time.GetUtcNow() + TakedownChecksJob.AfterACrash);
        }
        db.TakedownChecks.AddRange(checks);
        return checks;
    }

    /// <summary>
    /// Whoever is no longer cleared for a purpose they were cleared for: copies of their pictures outside the website go
    /// on the takedown list; then the checks are done. Opening is idempotent (a copy already listed is not listed again),
    /// so a check settled twice, after a crash between the two steps, opens nothing twice.
    /// </summary>
    public async Task SettleAsync(IReadOnlyList<TakedownCheck> checks)
    {
        if (checks.Count == 0)
        {
            return;
        }
        var after = await ClearedAsync(checks.Select(c => c.PersonId).Distinct());
        foreach (var check in checks)
        {
            if (check.ClearedBefore.Split(',', StringSplitOptions.RemoveEmptyEntries).Except(after[check.PersonId]).ToList() is { Count: > 0 } lost)
            {
                await takedown.OpenAsync(check.PersonId, $"no longer cleared for {string.Join(", ", lost)}", check.Actor);
            }
        }
        db.TakedownChecks.RemoveRange(checks);
        await db.SaveChangesAsync();
    }

    private static string? Trim(string? value, int max) => value?.Trim() is { Length: > 0 } t ? (t.Length > max ? t[..max] : t) : null;
}
