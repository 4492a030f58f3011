using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Users.Models;
using SchoolSite.Users.Services;

namespace SchoolSite.Users.Pages.Admin.Roles;

[Feature(Manifest.RolesFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ManageRoles)]
public sealed class EditModel(RoleManager<SchoolRole> roles, RoleEditor editor, PermissionCatalog catalog) : PageModel
{
    [BindProperty, MaxCount(1_000)]
    public List<string> Selected { get; set; } = [];

    public string Name { get; private set; } = string.Empty;
    public bool HoldsEverything { get; private set; }
    public IReadOnlyList<Permission> AllPermissions { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name)
    {
        var role = await roles.FindByNameAsync(name);
        if (role is null)
        {
            return NotFound();
        }
        Load(role);
        Selected = (await editor.PermissionsOfAsync(role)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string name)
    {
        var role = await roles.FindByNameAsync(name);
        if (role is null)
        {
            return NotFound();
        }
        Load(role);
        if (HoldsEverything || !ModelState.IsValid)
        {
            return Page();
        }
        var errors = await editor.ChangeAsync(User, role, Selected);
        foreach (var error in errors)
        {
            ModelState.AddModelError(string.Empty, error);
        }
        Message = errors.Count == 0 ? "Permissions saved." : null;
        return Page();
    }

    private void Load(SchoolRole role)
    {
        Name = role.Name!;
        HoldsEverything = SchoolSite.Core.Security.Roles.HoldsEveryPermission(Name);
        AllPermissions = catalog.All.OrderBy(p => p.Category).ThenBy(p => p.Name).ToList();
    }
}
