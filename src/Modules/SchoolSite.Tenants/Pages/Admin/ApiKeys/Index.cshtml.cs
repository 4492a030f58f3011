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

    public async Task OnGetAsync() => Keys = await keys.ListAsync();

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
