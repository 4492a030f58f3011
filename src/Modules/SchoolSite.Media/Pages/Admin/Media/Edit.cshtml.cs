using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Media.Models;
using SchoolSite.Media.Services;

namespace SchoolSite.Media.Pages.Admin.Media;

/// <summary>
/// Describe a picture or document: alt text, caption, and who is in it; see its standing for each purpose.
/// Taking someone out, or saying nobody can be identified, waits for a colleague with the consent permission.
/// </summary>
[SchoolOnly]
[Feature(Manifest.MediaFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.UploadMedia)]
public sealed class EditModel(MediaLibrary library, MediaPictures pictures) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = string.Empty;
    [BindProperty(SupportsGet = true)] public bool Uploaded { get; set; }
    [BindProperty, MaxLength(TextLimits.Note)] public string? AltText { get; set; }
    [BindProperty, MaxLength(TextLimits.Note)] public string? Caption { get; set; }
    [BindProperty] public bool NoIdentifiablePeople { get; set; }
    [BindProperty, MaxLength(MediaItem.PersonIdLength), MaxCount(MediaItem.MaxPeople)] public List<string> People { get; set; } = [];
    [BindProperty, MaxLength(TextLimits.Note)] public string? Reason { get; set; }

    public MediaItem Item { get; private set; } = null!;
    public IReadOnlyList<PersonEntry> Directory { get; private set; } = [];
    public IReadOnlyList<(string Purpose, PictureStatus Status)> Statuses { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await library.FindAsync(Id) is not { } item)
        {
            return NotFound();
        }
        Item = item;
        AltText = item.AltText;
        Caption = item.Caption;
        NoIdentifiablePeople = item.NoIdentifiablePeople;
        People = [.. item.People];
        Message = Uploaded ? "Uploaded. Now say who is in the picture." : null;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await library.FindAsync(Id) is not { } item)
        {
            return NotFound();
        }
        Item = item;
        var directory = (await DirectoryAsync()).Select(p => p.Id).ToHashSet();
        People = People.Where(p => p.Length > 0).Distinct().ToList();
        if (NoIdentifiablePeople && People.Count > 0)
        {
            ModelState.AddModelError(nameof(NoIdentifiablePeople), "Say who is in the picture, or that nobody can be identified, not both.");
        }
        if (People.Any(p => !directory.Contains(p)))
        {
            ModelState.AddModelError(nameof(People), "Someone ticked is no longer in the register; reload the page.");
        }
        if (Reason?.Length > 500)
        {
            ModelState.AddModelError(nameof(Reason), "Say why in 500 characters or fewer.");
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        item.AltText = AltText?.Trim() is { Length: > 0 } alt ? alt : null;
        item.Caption = Caption?.Trim() is { Length: > 0 } caption ? caption : null;
        Message = (await library.DescribeAsync(item, new MediaDescription(People, NoIdentifiablePeople, Reason), Actor.Of(User))).Message;
        await LoadAsync();
        return Page();
    }

    private async Task<IReadOnlyList<PersonEntry>> DirectoryAsync()
        => HttpContext.RequestServices.GetService<IPeopleDirectory>() is { } people ? await people.ListAsync() : [];

    private async Task LoadAsync()
    {
        Directory = await DirectoryAsync();
        var purposes = HttpContext.RequestServices.GetService<IPictureClearance>() is { } clearance ? await clearance.PurposesAsync() : ["website"];
        var statuses = new List<(string, PictureStatus)>();
        foreach (var purpose in purposes)
        {
            statuses.Add((purpose, await pictures.StatusAsync(Id, purpose)));
        }
        Statuses = statuses;
    }
}
