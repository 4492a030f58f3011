using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Consent.Pages.Admin.Consent;

/// <summary>
/// The consent overview for this school year: coverage by year group and purpose, who has nothing
/// recorded, what lapses at year end, and recent withdrawals.
/// </summary>
[SchoolOnly]
[Feature(Manifest.ConsentFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ViewPeople)]
public sealed class IndexModel(ConsentDbContext db, ConsentGate gate, Rollover rollover, TenantContext tenant, TimeProvider time) : PageModel
{
    public sealed record Cell(int Cleared, int Total)
    {
        public int Percent => Total == 0 ? 0 : (int)Math.Round(100.0 * Cleared / Total);
    }

    public sealed record Withdrawal(Person Person, ConsentRecord Record);

    public string YearLabel { get; private set; } = string.Empty;
    public DateTimeOffset YearEnds { get; private set; }
    public IReadOnlyList<ConsentPurpose> Purposes { get; private set; } = [];
    public IReadOnlyList<(string Group, IReadOnlyDictionary<string, Cell> Cells)> Coverage { get; private set; } = [];
    public IReadOnlyList<Person> NothingRecorded { get; private set; } = [];
    public int Lapsing { get; private set; }
    public IReadOnlyList<Withdrawal> Withdrawals { get; private set; } = [];
    public IReadOnlyList<(string PersonId, string Name, IReadOnlyList<string> Purposes)> Disagreements { get; private set; } = [];
    public RolloverWarning? Rollover { get; private set; }

    public async Task OnGetAsync()
    {
        var now = time.GetUtcNow();
        var year = SchoolYear.Of(now, tenant.Shell.Settings);
        YearLabel = SchoolYear.Label(year);
        YearEnds = SchoolYear.End(year, tenant.Shell.Settings);
        Purposes = await db.Purposes.AsNoTracking().OrderBy(p => p.DisplayName).ToListAsync();
        var people = await db.People.AsNoTracking().Where(p => p.Status == PersonStatus.OnRoll).ToListAsync();
        Disagreements = await gate.DisagreementsAsync();
        Rollover = await rollover.WarningAsync();

        // Cleared as the gate decides it, so the overview can never disagree with the website.
        var cleared = new HashSet<(string, string)>();
        foreach (var person in people)
        {
            foreach (var purpose in Purposes)
            {
                if ((await gate.DecideAsync([person.Id], purpose.Name)).Cleared)
                {
                    cleared.Add((person.Id, purpose.Name));
                }
            }
        }
        Coverage = people.GroupBy(p => p.Kind == PersonKind.Staff ? "Staff" : p.YearGroup ?? "No year group")
            .OrderBy(g => g.Key == "Staff").ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyDictionary<string, Cell>)Purposes.ToDictionary(p => p.Name,
                p => new Cell(g.Count(person => cleared.Contains((person.Id, p.Name))), g.Count()))))
            .ToList();

        var records = await db.Records.AsNoTracking().Where(r => r.SchoolYear <= year)
            .OrderBy(r => r.SchoolYear).ThenBy(r => r.RecordedUtc).ThenBy(r => r.Id).ToListAsync();
        var thisYear = records.Where(r => r.SchoolYear == year).ToList();
        var anything = thisYear.Select(r => r.PersonId).ToHashSet();
        NothingRecorded = people.Where(p => !anything.Contains(p.Id)).OrderBy(p => p.YearGroup).ThenBy(p => p.LegalLastName).ToList();
        Lapsing = thisYear.GroupBy(r => (r.PersonId, r.Purpose)).Count(g => g.Last().Status == ConsentStatus.Granted);

        // A withdrawal is a "no" that replaces a "yes" that still counted: this year's consent, or (under public task) no objection.
        var bases = Purposes.ToDictionary(p => p.Name, p => p.LawfulBasis);
        var since = now.UtcDateTime.AddDays(-30);
        var byId = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id);
        var withdrawals = new List<Withdrawal>();
        foreach (var history in records.GroupBy(r => (r.PersonId, r.Purpose)))
        {
            ConsentRecord? previous = null;
            foreach (var record in history)
            {
                var stillCounted = previous is not null && (previous.SchoolYear == record.SchoolYear || bases.GetValueOrDefault(record.Purpose) == "public-task");
                if (record.Status != ConsentStatus.Granted && record.RecordedUtc >= since && stillCounted && previous!.Status == ConsentStatus.Granted
                    && byId.TryGetValue(record.PersonId, out var person))
                {
                    withdrawals.Add(new Withdrawal(person, record));
                }
                previous = record;
            }
        }
        Withdrawals = withdrawals.OrderByDescending(w => w.Record.RecordedUtc).Take(50).ToList();
    }
}
