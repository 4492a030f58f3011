using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Audit;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Consent.Services;

/// <summary>
/// Every change to the register and to consent goes through here: it is saved, audited with before and
/// after, and takes effect on the next request (the gate's index is rebuilt and the public pages that
/// show the people concerned are evicted).
/// </summary>
public sealed class PeopleRegister(ConsentDbContext db, TenantContext tenant, TimeProvider time, IAuditLog audit, IEnumerable<IPictureObserver> observers)
{
    public ConsentDbContext Db => db;

    public Task<Person?> FindAsync(string id) => db.People.FirstOrDefaultAsync(p => p.Id == id);

    public static string NewId() => Core.Provisioning.PasswordGenerator.Generate().ToLowerInvariant();

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
    });

    public Task AddAsync(Person person, string actor) => SaveAsync([person], NoChanges, actor);

    /// <summary>Saves changes made to tracked people; <paramref name="before"/> holds their snapshots from before the change.</summary>
    public Task SaveAsync(IReadOnlyDictionary<string, string> before, string actor) => SaveAsync([], before, actor);

    /// <summary>
    /// Adds <paramref name="added"/> and saves changes made to tracked people in one save, so that a batch (an import of
    /// the register) lands whole or not at all. Each person added or changed gets their own audit entry, written together.
    /// </summary>
    public async Task SaveAsync(IReadOnlyCollection<Person> added, IReadOnlyDictionary<string, string> before, string actor)
    {
        db.People.AddRange(added);
        await db.SaveChangesAsync();
        var entries = new List<AuditEntry>(added.Count + before.Count);
        var changed = new List<string>(added.Count + before.Count);
        foreach (var person in added)
        {
            entries.Add(new AuditEntry(actor, "people", "added", Subject(person.Id), null, Snapshot(person)));
            changed.Add(person.Id);
        }
        foreach (var (id, was) in before)
        {
            var person = db.People.Find(id)!; // tracked, so from the identity map: no query, and unlike Local no scan of everything tracked
            var now = Snapshot(person);
            if (now != was)
            {
                var action = person.NeverPublish && !was.Contains("\"NeverPublish\":true") ? "never-publish-set" : "changed";
                entries.Add(new AuditEntry(actor, "people", action, Subject(id), was, now));
                changed.Add(id);
            }
        }
        await audit.RecordManyAsync(entries);
        await ChangedAsync(changed);
        // Legal names are left out of the snapshots, so a change of name alone is not in `changed`; the privacy check looks for them.
        PrivacyCheck.Evict(tenant.Shell);
    }

    public async Task<ConsentRecord> RecordConsentAsync(Person person, ConsentPurpose purpose, ConsentStatus status, string? givenBy, string? method,
        string? note, string actor)
    {
        var now = time.GetUtcNow();
        var year = SchoolYear.Of(now, tenant.Shell.Settings);
        var previous = await db.Records.AsNoTracking()
            .Where(r => r.PersonId == person.Id && r.Purpose == purpose.Name && r.SchoolYear == year)
            .OrderByDescending(r => r.RecordedUtc).ThenByDescending(r => r.Id).FirstOrDefaultAsync();
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
        };
        db.Records.Add(record);
        await db.SaveChangesAsync();
        await audit.RecordAsync(new AuditEntry(actor, "consent", status.ToString().ToLowerInvariant(), Subject(person.Id),
            previous is null ? null : $"{purpose.Name} {SchoolYear.Label(year)}: {previous.Status}",
            $"{purpose.Name} {SchoolYear.Label(year)}: {status} (given by {givenBy ?? "not said"}, {method ?? "method not said"})"));
        await ChangedAsync([person.Id]);
        return record;
    }

    /// <summary>Counts from the next request: the gate reloads, and pages showing these people are evicted.</summary>
    public async Task ChangedAsync(IReadOnlyCollection<string> personIds)
    {
        if (personIds.Count == 0)
        {
            return;
        }
        ConsentGate.Evict(tenant.Shell);
        foreach (var observer in observers)
        {
            foreach (var id in personIds)
            {
                await observer.PersonChangedAsync(id);
            }
        }
    }

    private static readonly IReadOnlyDictionary<string, string> NoChanges = new Dictionary<string, string>();

    public static string Subject(string personId) => $"person:{personId}";

    private static string? Trim(string? value, int max) => value?.Trim() is { Length: > 0 } t ? (t.Length > max ? t[..max] : t) : null;
}
