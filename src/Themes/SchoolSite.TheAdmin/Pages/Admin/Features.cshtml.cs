using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.TheAdmin.Pages.Admin;

[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.ManageFeatures)]
public sealed class FeaturesModel(FeatureCatalog catalog, TenantFeatures features, TenantContext tenant) : PageModel
{
    public IReadOnlyList<FeatureDescriptor> Features { get; private set; } = [];
    public IReadOnlySet<string> Enabled => features.Enabled;
    public string? Message { get; private set; }

    /// <summary>The feature whose disabling waits for a second "yes" (the confirmation step).</summary>
    public FeatureDescriptor? Confirming { get; private set; }

    public void OnGet() => Load();

    /// <summary>The first click on Disable: say what it does and ask again, before anything changes.</summary>
    public IActionResult OnGetDisable(string id)
    {
        Load();
        Confirming = Features.FirstOrDefault(f => f.Id == id && !f.IsAlwaysEnabled && Enabled.Contains(f.Id));
        return Confirming is null ? RedirectToPage() : Page();
    }

    public Task<IActionResult> OnPostEnableAsync(string id) => ChangeAsync(() => features.EnableAsync([id], Actor.Of(User).Name));

    public Task<IActionResult> OnPostDisableAsync(string id) => ChangeAsync(() => features.DisableAsync([id], Actor.Of(User).Name));

    private async Task<IActionResult> ChangeAsync(Func<Task<FeatureChange>> change)
    {
        var result = await change();
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(string.Empty, error);
        }
        if (result.Succeeded)
        {
            var parts = new List<string>();
            if (result.Enabled.Count > 0) parts.Add("Enabled: " + string.Join(", ", result.Enabled.Select(Name)));
            if (result.Disabled.Count > 0) parts.Add("Disabled: " + string.Join(", ", result.Disabled.Select(Name)));
            Message = parts.Count == 0 ? "Nothing changed." : string.Join(". ", parts) + ".";
        }
        Load();
        return Page();
    }

    private string Name(string id) => catalog.Find(id)?.Name ?? id;

    private void Load() => Features = catalog.All
        .Where(f => tenant.IsHost || !f.IsHostOnly)
        .OrderBy(f => f.Category).ThenBy(f => f.Name).ToList();
}
