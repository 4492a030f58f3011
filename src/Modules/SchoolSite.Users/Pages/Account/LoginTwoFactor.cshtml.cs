using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Pages.Account;

[AllowAnonymous]
[NoSchoolContent("signing in with an authenticator app")]
public sealed class LoginTwoFactorModel(SignInManager<SchoolUser> signIn) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter the code from your authenticator app.")]
    public string Code { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

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
        var code = Code.Replace(" ", string.Empty).Replace("-", string.Empty);
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false);
        if (result.Succeeded)
        {
            return Redirect(LoginModel.SafeReturnUrl(ReturnUrl, Request.PathBase, Url.Content("~/admin")));
        }
        ModelState.AddModelError(nameof(Code), result.IsLockedOut
            ? "This account is locked after too many failed attempts. Try again in 15 minutes."
            : "That code is not right. Codes change every 30 seconds.");
        return Page();
    }
}
