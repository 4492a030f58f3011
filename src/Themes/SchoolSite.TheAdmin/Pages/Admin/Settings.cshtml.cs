using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.TheAdmin.Pages.Admin;

/// <summary>
/// The school's settings: one section per module (only for features that are on), each read and checked by
/// its module's own rules. What the person typed is kept when something is wrong.
/// </summary>
[Feature(Manifest.SettingsFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.ManageSettings)]
public sealed class SettingsModel(SettingsSections sections, SettingsStore store, TenantContext tenant) : PageModel
{
    public const string Prefix = "Input.";

    public IReadOnlyList<SettingsSection> Sections { get; private set; } = [];

    /// <summary>What each field shows, by its path ("Branding.PrimaryColour").</summary>
    public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

    public string? Message { get; private set; }

    public void OnGet() => Show(path => null);

    public async Task<IActionResult> OnPostAsync()
    {
        Sections = Visible();
        var changed = new List<object>();
        foreach (var section in Sections)
        {
            var (value, errors) = SettingsSections.Read(section, tenant.Shell.Document.Get(section.Type), Posted);
            foreach (var error in errors.Count > 0 ? errors : SettingsSections.Validate(value, HttpContext.RequestServices))
            {
                ModelState.AddModelError(Prefix + error.Path, error.Message);
            }
            changed.Add(value);
        }
        if (!ModelState.IsValid)
        {
            Show(Posted);
            return Page();
        }
        await store.SaveAsync(changed, Actor.Of(User).Name, HttpContext.RequestAborted);
        Message = "Settings saved.";
        Show(path => null);
        return Page();
    }

    private string? Posted(string path) => Request.Form.TryGetValue(Prefix + path, out var value) ? value.ToString() : null;

    private IReadOnlyList<SettingsSection> Visible()
        => sections.All.Where(s => s.Feature is null || tenant.Shell.IsEnabled(s.Feature)).ToList();

    /// <summary>Fills the fields: from what was posted where given (after an error), else from the saved settings.</summary>
    private void Show(Func<string, string?> posted)
    {
        Sections = Visible();
        foreach (var section in Sections)
        {
            var saved = tenant.Shell.Document.Get(section.Type);
            foreach (var field in Leaves(section.Fields))
            {
                Values[field.Path] = field.IsCheckbox && Request.HasFormContentType
                    ? (posted(field.Path) is not null ? "true" : "false")
                    : posted(field.Path) ?? SettingsSections.Display(field, saved);
            }
        }
    }

    private static IEnumerable<SettingsField> Leaves(IEnumerable<SettingsField> fields)
        => fields.Where(f => f.OnPage).SelectMany(f => f.IsGroup ? Leaves(f.Fields) : [f]);
}
