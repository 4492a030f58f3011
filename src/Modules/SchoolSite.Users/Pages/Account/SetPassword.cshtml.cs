using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Services;

namespace SchoolSite.Users.Pages.Account;

/// <summary>
/// The page an invitation or a reset link opens. Opening it changes nothing (mail scanners open links too);
/// only saving a password uses the link up.
/// </summary>
[AllowAnonymous]
[NoSchoolContent("choosing a password from an e-mailed link")]
public sealed class SetPasswordModel(PasswordRecovery recovery, TenantContext tenant) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public LinkHolder? Holder { get; private set; }

    public string AskWhom => tenant.IsHost ? "a trust administrator" : "your school's administrator";

    public async Task OnGetAsync(string token) => Holder = await recovery.HolderAsync(token);

    public async Task<IActionResult> OnPostAsync(string token)
    {
        Holder = await recovery.HolderAsync(token);
        if (Holder is null || !ModelState.IsValid)
        {
            return Page();
        }
        var refused = await recovery.CompleteAsync(token, Input.Password);
        if (refused is null)
        {
            Holder = null;
            return Page();
        }
        foreach (var reason in refused)
        {
            ModelState.AddModelError("Input.Password", reason);
        }
        return refused.Count > 0 ? Page() : RedirectToPage("/Account/Login", new { passwordSet = true });
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter a new password."), StringLength(200, ErrorMessage = "A password is at most 200 characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter the new password again."), Compare(nameof(Password), ErrorMessage = "The two passwords are not the same; type them again.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password again")]
        public string Confirm { get; set; } = string.Empty;
    }
}
