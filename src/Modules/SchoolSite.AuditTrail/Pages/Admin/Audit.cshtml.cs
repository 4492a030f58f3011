using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SchoolSite.AuditTrail.Models;
using SchoolSite.AuditTrail.Services;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;

namespace SchoolSite.AuditTrail.Pages.Admin;

/// <summary>Search the audit trail by item or person, user and date; export what is shown as CSV; see whether the chain is intact.</summary>
[SchoolOnly]
[Feature(Manifest.AuditTrailFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ViewAuditTrail)]
public sealed class AuditModel(AuditChain audit, IEnumerable<IAuditSubjectNames> names) : PageModel
{
    private const int Shown = 500;

    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public IReadOnlyList<AuditEvent> Entries { get; private set; } = [];
    public AuditVerification Verification { get; private set; } = new(0, null, null);

    /// <summary>What staff know each subject on the page by (a title, a name, alt text), where they may see it.</summary>
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync()
    {
        Verification = await audit.VerifyAsync(HttpContext.RequestAborted);
        Entries = await Query().OrderByDescending(e => e.Sequence).Take(Shown).ToListAsync();
        var subjects = Entries.Select(e => e.Subject).Distinct().ToList();
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in names)
        {
            foreach (var (subject, name) in await source.NamesAsync(User, subjects))
            {
                known.TryAdd(subject, name);
            }
        }
        Names = known;
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var csv = new StringBuilder("sequence,recorded_utc,actor,category,action,subject,before,after,hash\n");
        await foreach (var e in Query().OrderBy(e => e.Sequence).AsAsyncEnumerable())
        {
            csv.AppendJoin(',', e.Sequence.ToString(CultureInfo.InvariantCulture), e.RecordedUtc.ToString("O", CultureInfo.InvariantCulture),
                Csv.Cell(e.Actor), Csv.Cell(e.Category), Csv.Cell(e.Action), Csv.Cell(e.Subject), Csv.Cell(e.Before), Csv.Cell(e.After), e.Hash).Append('\n');
        }
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", "audit-trail.csv");
    }

    private IQueryable<AuditEvent> Query()
    {
        var query = audit.Query();
        if (Subject?.Trim() is { Length: > 0 } subject)
        {
            query = query.Where(e => e.Subject.Contains(subject));
        }
        if (Actor?.Trim() is { Length: > 0 } actor)
        {
            query = query.Where(e => e.Actor.Contains(actor));
        }
        if (Category?.Trim() is { Length: > 0 } category)
        {
            query = query.Where(e => e.Category == category);
        }
        if (From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.RecordedUtc >= start);
        }
        if (To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.RecordedUtc < end);
        }
        return query;
    }
}
