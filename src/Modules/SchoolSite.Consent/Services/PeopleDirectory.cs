using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Security;

namespace SchoolSite.Consent.Services;

/// <summary>The register as other modules may see it: people on roll as the media library shows them for tagging (first name and surname initial), and who is a pupil.</summary>
public sealed class PeopleDirectory(ConsentDbContext db) : IPeopleDirectory
{
    public async Task<IReadOnlyList<PersonEntry>> ListAsync()
        => (await db.People.AsNoTracking().Where(p => p.Status == PersonStatus.OnRoll).ToListAsync())
            .Select(p => new PersonEntry(p.Id, $"{p.PreferredFirstName ?? p.LegalFirstName} {p.LegalLastName[..1]}.",
                p.Kind == PersonKind.Staff ? "Staff" : p.YearGroup ?? "Pupils"))
            .ToList();

    /// <summary>Whether any of these people is a pupil (items picturing pupils get two checks).</summary>
    public Task<bool> AnyPupilAsync(IReadOnlyCollection<string> personIds)
        => db.People.AnyAsync(p => personIds.Contains(p.Id) && p.Kind == PersonKind.Pupil);
}
