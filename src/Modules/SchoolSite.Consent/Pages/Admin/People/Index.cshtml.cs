using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;

namespace SchoolSite.Consent.Pages.Admin.People;

/// <summary>The people register (ViewPeople): search by name, MIS id or year group.</summary>
[SchoolOnly]
[Feature(Manifest.ConsentFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ViewPeople)]
public sealed class IndexModel(ConsentDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public bool Left { get; set; }

    public IReadOnlyList<Person> People { get; private set; } = [];
    public int Total { get; private set; }

    public async Task OnGetAsync()
    {
        var query = db.People.AsNoTracking().Where(p => p.Status == (Left ? PersonStatus.Left : PersonStatus.OnRoll));
        if (Q?.Trim().ToLowerInvariant() is { Length: > 0 } q)
        {
            query = query.Where(p => p.LegalFirstName.ToLower().Contains(q) || p.LegalLastName.ToLower().Contains(q)
                || (p.PreferredFirstName != null && p.PreferredFirstName.ToLower().Contains(q)) || p.ExternalId.ToLower() == q
                || (p.YearGroup != null && p.YearGroup.ToLower() == q));
        }
        Total = await query.CountAsync();
        People = await query.OrderBy(p => p.YearGroup).ThenBy(p => p.LegalLastName).ThenBy(p => p.LegalFirstName).Take(500).ToListAsync();
    }
}
