using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Policies.Services;

namespace SchoolSite.Policies.Pages.Admin.Policies;

/// <summary>For senior leaders: who has acknowledged the current version and when, who has not, the percentage, and the same rows as CSV.</summary>
[SchoolOnly]
[Feature(Manifest.PoliciesFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ViewAcknowledgements)]
public sealed class ReportModel(PolicyBook book) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = string.Empty;

    public PolicyReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await book.ReportAsync(Id) is not { } report)
        {
            return NotFound();
        }
        Report = report;
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (await book.ReportAsync(Id) is not { } report)
        {
            return NotFound();
        }
        var csv = new StringBuilder("name,email,acknowledged,acknowledged_utc\n");
        foreach (var row in report.Rows)
        {
            csv.AppendJoin(',', Csv.Cell(row.User.DisplayName), Csv.Cell(row.User.Email), row.AcknowledgedUtc is null ? "no" : "yes",
                row.AcknowledgedUtc?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty).Append('\n');
        }
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv", $"acknowledgements-{Id}-v{report.Policy.Version!.Number}.csv");
    }
}
