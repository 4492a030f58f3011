using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Tenants.Models;

namespace SchoolSite.Tenants.Pages.Admin.ApiKeys;

[HostOnly]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ManageApiKeys)]
public sealed class IndexModel(Services.ApiKeys keys) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Say what the key is for, e.g. \"MIS integration\"."), StringLength(200)]
    public string? Name { get; set; }

    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];
    public string? NewKey { get; private set; }

    /// <summary>The key whose revoking waits for a second "yes" (the confirmation step).</summary>
    public ApiKey? Confirming { get; private set; }

    public async Task OnGetAsync() => Keys = await keys.ListAsync();

    /// <summary>The first click on Revoke: say what it does and ask again, before anything changes.</summary>
    public async Task<IActionResult> OnGetRevokeAsync(int id)
    {
        Confirming = (await keys.ListAsync()).FirstOrDefault(k => k.Id == id && !k.Revoked);
        return Confirming is null ? RedirectToPage() : Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (ModelState.IsValid)
        {
            (NewKey, _) = await keys.CreateAsync(Name!, Actor.Of(User).Name, HttpContext.RequestAborted);
            Name = null;
            ModelState.Clear();
        }
        Keys = await keys.ListAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        await keys.RevokeAsync(id, Actor.Of(User).Name, HttpContext.RequestAborted);
        return RedirectToPage();
    }
}
