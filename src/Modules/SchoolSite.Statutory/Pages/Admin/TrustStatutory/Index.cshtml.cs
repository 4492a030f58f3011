using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Statutory.Endpoints;
using SchoolSite.Statutory.Models;
using SchoolSite.Statutory.Services;

namespace SchoolSite.Statutory.Pages.Admin.TrustStatutory;

/// <summary>
/// The trust's overview of what its schools publish: schools × requirements, each cell in words with a link to the
/// school's checklist, sortable by name or by how much is published, a number per school, the trust's share over time,
/// and the same as a CSV file for its own reporting.
/// </summary>
[HostOnly]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ViewTrustOverview)]
public sealed class IndexModel(TrustOverview overview) : PageModel
{
    public IReadOnlyList<Requirement> Requirements { get; private set; } = [];

    public IReadOnlyList<SchoolChecklist> Schools { get; private set; } = [];

    public IReadOnlyList<ComplianceDay> History { get; private set; } = [];

    public string Sort { get; private set; } = "name";

    public async Task OnGetAsync(string? sort)
    {
        Sort = sort == "published" ? "published" : "name";
        Requirements = await overview.RequirementsAsync();
        var schools = await overview.SchoolsAsync(HttpContext.RequestAborted);
        Schools = Sort == "published"
            ? schools.OrderBy(s => s.Applicable == 0 ? 1 : (double)s.Compliant / s.Applicable).ThenBy(s => s.School.DisplayName, StringComparer.CurrentCulture).ToList()
            : schools;
        History = await overview.HistoryAsync();
    }

    /// <summary>The overview as CSV: one row per school, one column per requirement (met, due, overdue, missing, or blank where it does not apply).</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        var requirements = await overview.RequirementsAsync();
        var schools = await overview.SchoolsAsync(HttpContext.RequestAborted);
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', new[] { "School", "Site name", "Published and up to date", "Applicable" }.Concat(requirements.Select(r => r.Title)).Select(Csv.Cell)));
        foreach (var school in schools)
        {
            csv.AppendLine(string.Join(',', new[]
                {
                    school.School.DisplayName, school.School.Name,
                    school.Compliant.ToString(CultureInfo.InvariantCulture), school.Applicable.ToString(CultureInfo.InvariantCulture),
                }
                .Concat(requirements.Select(r => school.StateOf(r.Key) is { } state ? StatutoryApi.Status(state) : string.Empty))
                .Select(Csv.Cell)));
        }
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", "what-schools-publish.csv");
    }

    public static string Word(RequirementState state) => state switch
    {
        RequirementState.Met => "Published",
        RequirementState.Due => "Due for review",
        RequirementState.Overdue => "Overdue",
        _ => "Missing",
    };

    /// <summary>The chart's line: each day's share as a point in a 600×160 box (the newest on the right).</summary>
    public string Points()
    {
        if (History.Count == 0)
        {
            return string.Empty;
        }
        var step = History.Count == 1 ? 0 : 600.0 / (History.Count - 1);
        return string.Join(' ', History.Select((d, i) => string.Create(CultureInfo.InvariantCulture, $"{i * step:0.#},{160 - d.Share * 160:0.#}")));
    }
}
