using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Services;
using SchoolSite.Site.Services;

namespace SchoolSite.Site.Pages.Admin.Logo;

/// <summary>
/// The school's logo, uploaded into the media library like any picture (the same pipeline: metadata removed, sizes made)
/// and named in the branding settings. A logo must never be a picture of a child: the uploader says nobody can be
/// identified in it, and, as for any picture, that counts once a colleague with the consent permission confirms it.
/// </summary>
[SchoolOnly]
[Feature(Media.Manifest.MediaFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.ManageSettings)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Media.Permissions.UploadMedia)]
[RequestSizeLimit(21 * 1024 * 1024)]
public sealed class IndexModel(MediaLibrary library, PublicationPolicy policy, SettingsStore store, TenantContext tenant) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }

    [BindProperty] public bool NobodyInIt { get; set; }

    /// <summary>The picture the settings name as the logo, and where it stands for the website now.</summary>
    public PictureStatus? Current { get; private set; }

    public bool Shown => Current is { } status && SiteLogo.Showable(status);

    public string? Message { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Choose the picture of the logo to upload.");
        }
        else if (Upload.Length > MediaLibrary.Limits.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"The file is {Upload.Length / 1024.0 / 1024.0:0.#} MB; the largest this school accepts is {MediaLibrary.Limits.MaxBytes / 1024 / 1024} MB.");
        }
        if (!NobodyInIt)
        {
            ModelState.AddModelError(nameof(NobodyInIt), "Confirm that nobody can be identified in the logo: a logo must never be a picture of a pupil or member of staff.");
        }
        if (ModelState.IsValid)
        {
            using var buffer = new MemoryStream();
            await Upload!.CopyToAsync(buffer, HttpContext.RequestAborted);
            var (item, refusal) = await library.UploadAsync(buffer.ToArray(), $"{tenant.Shell.Settings.SiteName} logo", null, "Logo",
                Actor.Of(User).Name, HttpContext.RequestAborted);
            if (item is null)
            {
                ModelState.AddModelError(nameof(Upload), refusal!);
            }
            else
            {
                var described = await library.DescribeAsync(item, new MediaDescription([], true, "the school's logo"), Actor.Of(User));
                await SaveAsync(item.Id);
                await LoadAsync();
                Message = Shown ? "The new logo is on the website."
                    : described.Waiting ? "The logo is saved. It appears on the website once a colleague with the consent permission confirms that nobody "
                        + "can be identified in it (under Pictures to confirm): a logo is a picture like any other."
                    : "The logo is saved, but it cannot be shown yet: " + string.Join(" ", Current?.Reasons ?? []);
                return Page();
            }
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync()
    {
        await SaveAsync(null);
        await LoadAsync();
        Message = "The logo is taken off the website. The picture stays in the media library.";
        return Page();
    }

    /// <summary>Names the picture as the logo (or none), through the settings store, so the change is checked, audited and the pages redrawn.</summary>
    private async Task SaveAsync(string? mediaId)
    {
        var settings = tenant.Shell.Section<PublicSiteSettings>();
        var changed = settings with { Branding = settings.Branding with { Logo = mediaId, LogoUrl = null } };
        await store.SaveAsync([changed], Actor.Of(User).Name, HttpContext.RequestAborted);
    }

    private async Task LoadAsync()
    {
        ViewData["MenuCurrent"] = "/admin/settings";
        Current = SiteLogo.MediaIdOf(tenant.Shell.Section<PublicSiteSettings>().Branding) is { } id ? await policy.FileForStaffAsync(id) : null;
    }
}
