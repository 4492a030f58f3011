using System.ComponentModel.DataAnnotations;
using System.Reflection;
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
            var onPage = Leaves(section.Fields).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
            // A setting this page does not show (the trust's theme, an older recipe's logo address) is not the person's to put
            // right, and the page leaves it as it is: a value that has since become wrong must not stop every other change.
            foreach (var error in (errors.Count > 0 ? errors : SettingsSections.Validate(value, HttpContext.RequestServices))
                .Where(e => onPage.Contains(e.Path) || Field(section.Fields, e.Path) is null or { IsGroup: true }))
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

    private static SettingsField? Field(IEnumerable<SettingsField> fields, string path)
        => fields.Select(f => f.Path == path ? f : Field(f.Fields, path)).FirstOrDefault(f => f is not null);

    /// <summary>A setting chosen on a page of its own: <c>[UIHint("Link", null, "Url", "/admin/…", "Text", "…", "Image", "/media/{0}/thumbnail")]</c>.</summary>
    public sealed record LinkedSetting(string Url, string Text, string? Image);

    public static LinkedSetting? LinkOf(SettingsField field)
        => field.Property.GetCustomAttribute<UIHintAttribute>() is { UIHint: "Link" } hint && hint.ControlParameters.TryGetValue("Url", out var url)
            ? new LinkedSetting((string)url!, hint.ControlParameters.TryGetValue("Text", out var text) ? (string)text! : "Change",
                hint.ControlParameters.TryGetValue("Image", out var image) ? image as string : null)
            : null;
}
