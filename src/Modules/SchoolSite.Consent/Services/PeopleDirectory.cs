using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Security;

namespace SchoolSite.Consent.Services;

/// <summary>People on roll as the media library shows them for tagging: first name and surname initial.</summary>
public sealed class PeopleDirectory(ConsentDbContext db) : IPeopleDirectory
{
    public async Task<IReadOnlyList<PersonEntry>> ListAsync()
        => (await db.People.AsNoTracking().Where(p => p.Status == PersonStatus.OnRoll).ToListAsync())
            .Select(p => new PersonEntry(p.Id, $"{p.PreferredFirstName ?? p.LegalFirstName} {p.LegalLastName[..1]}.",
                p.Kind == PersonKind.Staff ? "Staff" : p.YearGroup ?? "Pupils"))
            .ToList();
}
