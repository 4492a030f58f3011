using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Media.Models;
using SchoolSite.Media.Services;

namespace SchoolSite.Media.Pages.Admin.Media;

/// <summary>The media library: upload (metadata is stripped), and each picture's standing for the website.</summary>
[SchoolOnly]
[Feature(Manifest.MediaFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.UploadMedia)]
[RequestSizeLimit(21 * 1024 * 1024)]
public sealed class IndexModel(MediaLibrary library, MediaDbContext db, MediaPictures pictures) : PageModel
{
    public sealed record Row(MediaItem Item, PictureStatus Website);

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty, MaxLength(TextLimits.Note)] public string? AltText { get; set; }
    [BindProperty, MaxLength(TextLimits.Note)] public string? Caption { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choose a file to upload.");
        }
        else if (Upload.Length > MediaLibrary.Limits.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"The file is {Upload.Length / 1024.0 / 1024.0:0.#} MB; the largest this school accepts is {MediaLibrary.Limits.MaxBytes / 1024 / 1024} MB.");
        }
        if (ModelState.IsValid)
        {
            using var buffer = new MemoryStream();
            await Upload!.CopyToAsync(buffer, HttpContext.RequestAborted);
            var (item, refusal) = await library.UploadAsync(buffer.ToArray(), AltText, Caption, null,
                Actor.Of(User).Name, HttpContext.RequestAborted);
            if (item is not null)
            {
                return RedirectToPage("Edit", new { id = item.Id, uploaded = true });
            }
            ModelState.AddModelError(nameof(Upload), refusal!);
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var items = await db.Items.AsNoTracking().OrderByDescending(i => i.UploadedUtc).Take(200).ToListAsync();
        var rows = new List<Row>();
        foreach (var item in items)
        {
            rows.Add(new Row(item, await pictures.StatusAsync(item.Id, "website")));
        }
        Rows = rows;
    }
}
