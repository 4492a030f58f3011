using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Consent.Pages.Admin.People;

/// <summary>Import the register from the MIS export: preview first, then import, with progress while it runs.</summary>
[SchoolOnly]
[Feature(Manifest.ConsentFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ManagePeople)]
[RequestSizeLimit(11 * 1024 * 1024)]
public sealed class ImportModel(ImportJobs jobs, TenantContext tenant) : PageModel
{
    public const int MaxBytes = 10 * 1024 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public bool Full { get; set; }
    [BindProperty] public bool Preview { get; set; } = true;
    [BindProperty(SupportsGet = true)] public string? Job { get; set; }

    public ImportJobs.Job? Running { get; private set; }

    public IActionResult OnGet()
    {
        if (Job is null)
        {
            return Page();
        }
        Running = jobs.Find(tenant.Tenant.Name, Job);
        if (Running is null)
        {
            return NotFound();
        }
        if (!Running.Done)
        {
            // Progress without script: the page looks again every second until the import ends.
            Response.Headers["Refresh"] = "1";
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choose the CSV file exported from your MIS.");
        }
        else if (Upload.Length > MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), "The file is larger than 10 MB, the most an import takes.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        using var buffer = new MemoryStream();
        await Upload!.CopyToAsync(buffer, HttpContext.RequestAborted);
        var job = jobs.Start(tenant.Tenant, buffer.ToArray(), new PeopleImportOptions { Preview = Preview, Full = Full },
            Actor.Of(User).Name);
        return RedirectToPage(new { job = job.Id });
    }
}
