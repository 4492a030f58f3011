using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
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
public sealed class IndexModel(ConsentDbContext db, TenantContext tenant, TimeProvider time) : PageModel
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

    public async Task OnGetAsync()
    {
        var now = time.GetUtcNow();
        var year = SchoolYear.Of(now, tenant.Shell.Settings);
        YearLabel = SchoolYear.Label(year);
        YearEnds = SchoolYear.End(year, tenant.Shell.Settings);
        Purposes = await db.Purposes.AsNoTracking().OrderBy(p => p.DisplayName).ToListAsync();
        var people = await db.People.AsNoTracking().Where(p => p.Status == PersonStatus.OnRoll).ToListAsync();
        var records = await db.Records.AsNoTracking().Where(r => r.SchoolYear == year).ToListAsync();
        var latest = records.GroupBy(r => (r.PersonId, r.Purpose))
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.RecordedUtc).ThenBy(r => r.Id).Last());

        bool Cleared(Person person, ConsentPurpose purpose)
        {
            var status = latest.TryGetValue((person.Id, purpose.Name), out var r) ? r.Status : (ConsentStatus?)null;
            return !person.NeverPublish && (purpose.LawfulBasis == "public-task" ? status != ConsentStatus.Objected : status == ConsentStatus.Granted);
        }

        Coverage = people.GroupBy(p => p.Kind == PersonKind.Staff ? "Staff" : p.YearGroup ?? "No year group")
            .OrderBy(g => g.Key == "Staff").ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyDictionary<string, Cell>)Purposes.ToDictionary(p => p.Name, p => new Cell(g.Count(person => Cleared(person, p)), g.Count()))))
            .ToList();
        var anything = records.Select(r => r.PersonId).ToHashSet();
        NothingRecorded = people.Where(p => !anything.Contains(p.Id)).OrderBy(p => p.YearGroup).ThenBy(p => p.LegalLastName).ToList();
        Lapsing = latest.Values.Count(r => r.Status == ConsentStatus.Granted);
        var since = now.UtcDateTime.AddDays(-30);
        var byId = await db.People.AsNoTracking().ToDictionaryAsync(p => p.Id);
        Withdrawals = latest.Values.Where(r => r.Status != ConsentStatus.Granted && r.RecordedUtc >= since)
            .OrderByDescending(r => r.RecordedUtc).Take(50).Select(r => new Withdrawal(byId[r.PersonId], r)).ToList();
    }
}
