using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Pages.Account;

[AllowAnonymous]
[NoSchoolContent("signing in with a recovery code")]
public sealed class LoginRecoveryModel(SignInManager<SchoolUser> signIn) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter one of your recovery codes.")]
    public string RecoveryCode { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync()
        => await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("/Account/Login");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync(RecoveryCode.Replace(" ", string.Empty));
        if (result.Succeeded)
        {
            return Redirect(LoginModel.SafeReturnUrl(ReturnUrl, Request.PathBase, Url.Content("~/admin")));
        }
        ModelState.AddModelError(nameof(RecoveryCode), result.IsLockedOut
            ? "This account is locked after too many failed attempts. Try again in 15 minutes."
            : "That recovery code is not right, or it has been used already.");
        return Page();
    }
}
