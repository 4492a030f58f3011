using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Tenancy;
using SchoolSite.Statutory.Models;

namespace SchoolSite.Statutory.Services;

/// <summary>One school on the trust's overview: its checklist now (or why there is none).</summary>
public sealed record SchoolChecklist(TenantInfo School, string Url, ChecklistReport? Report, string? Unavailable)
{
    /// <summary>Published and not overdue (due for review soon still counts).</summary>
    public int Compliant => Report is { } report ? report.Count(RequirementState.Met) + report.Count(RequirementState.Due) : 0;

    public int Applicable => Report?.Rows.Count ?? 0;

    public RequirementState? StateOf(string key) => Report?.Rows.FirstOrDefault(r => r.Requirement.Key == key)?.State;
}

/// <summary>A day of the trust's chart: of everything its schools must publish, how much was met.</summary>
public sealed record ComplianceDay(string Day, int Met, int Applicable)
{
    public double Share => Applicable == 0 ? 0 : (double)Met / Applicable;
}

/// <summary>
/// The trust's view across its schools: each running school's checklist, worked out now in the school's own scope (so
/// a change at a school shows on the next request), and the daily counts kept for the chart.
/// </summary>
public sealed class TrustOverview(TenantRegistry registry, TenantScopes scopes, RequirementCatalog catalog,
    IDbContextFactory<StatutoryTrustDbContext> trust, TimeProvider time)
{
    public static string DayOf(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public Task<IReadOnlyList<Requirement>> RequirementsAsync() => catalog.AllAsync();

    public async Task<IReadOnlyList<SchoolChecklist>> SchoolsAsync(CancellationToken cancellationToken = default)
    {
        var schools = new List<SchoolChecklist>();
        foreach (var school in registry.Schools.Where(s => s.State == TenantState.Running).OrderBy(s => s.DisplayName, StringComparer.CurrentCulture))
        {
            var url = school.PathBase + "/admin/statutory";
            await using var scope = await scopes.EnterAsync(school, cancellationToken);
            if (!scope.ServiceProvider.GetRequiredService<TenantContext>().Shell.IsEnabled(Manifest.StatutoryFeature))
            {
                schools.Add(new SchoolChecklist(school, url, null, "The checklist is not switched on for this school."));
                continue;
            }
            schools.Add(new SchoolChecklist(school, url, await scope.ServiceProvider.GetRequiredService<Checklist>().ReportAsync(), null));
        }
        return schools;
    }

    /// <summary>The trust's share of requirements met, a day at a time, over the last <paramref name="days"/> days.</summary>
    public async Task<IReadOnlyList<ComplianceDay>> HistoryAsync(int days = 90)
    {
        var since = DayOf(time.GetUtcNow().AddDays(-days));
        await using var db = await trust.CreateDbContextAsync();
        var rows = await db.Snapshots.AsNoTracking().Where(s => string.Compare(s.Day, since) >= 0).ToListAsync();
        return rows.GroupBy(s => s.Day).OrderBy(g => g.Key)
            .Select(g => new ComplianceDay(g.Key, g.Sum(s => s.Met + s.Due), g.Sum(s => s.Met + s.Due + s.Overdue + s.Missing)))
            .ToList();
    }
}
