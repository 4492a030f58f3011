using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Media.Services;

namespace SchoolSite.Media.Pages.Admin.Media;

/// <summary>
/// The second person's list: changes colleagues asked for that would show a picture or document more widely
/// (someone taken out of it, nobody identifiable). Each is confirmed or turned down here, never by the person who asked.
/// </summary>
[SchoolOnly]
[Feature(Manifest.MediaFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ConfirmPictures)]
public sealed class ConfirmModel(MediaPictures pictures, MediaLibrary library) : PageModel
{
    public IReadOnlyList<MediaEntry> Waiting { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public string? Message { get; private set; }
    public string? Me => User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostConfirmAsync(string id) => await DecideAsync(id, confirm: true);

    public async Task<IActionResult> OnPostRejectAsync(string id) => await DecideAsync(id, confirm: false);

    private async Task<IActionResult> DecideAsync(string id, bool confirm)
    {
        if (await library.FindAsync(id) is not { } item)
        {
            return NotFound();
        }
        var name = item.AltText ?? item.Caption ?? "The item";
        var refusal = confirm ? await library.ConfirmAsync(item, Actor.Of(User)) : await library.RejectAsync(item, Actor.Of(User));
        if (refusal is not null)
        {
            ModelState.AddModelError(string.Empty, refusal);
        }
        else
        {
            Message = confirm ? $"Confirmed: '{name}' is now described as asked." : $"Turned down: '{name}' stays as it was.";
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Waiting = await pictures.ProposalsAsync();
        Names = HttpContext.RequestServices.GetService<IPeopleDirectory>() is { } directory
            ? (await directory.ListAsync()).ToDictionary(p => p.Id, p => p.Label)
            : new Dictionary<string, string>();
    }

    public string Describe(IReadOnlyList<string> people, bool nobody)
        => nobody ? "nobody can be identified" : people.Count == 0 ? "not reviewed" : string.Join(", ", people.Select(p => Names.GetValueOrDefault(p, "someone who has left")));
}
