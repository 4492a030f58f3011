using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Services;

namespace SchoolSite.Users.Pages.Account;

[AllowAnonymous]
[NoSchoolContent("signing in")]
public sealed class LoginModel(PasswordSignIn passwords, TenantContext tenant) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Arrived from choosing a password with an e-mailed link.</summary>
    [BindProperty(SupportsGet = true)]
    public bool PasswordSet { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (outcome, user) = await passwords.SignInAsync(Input.Email, Input.Password, Input.RememberMe);
        switch (outcome)
        {
            case PasswordSignInOutcome.NeedsSecondFactor:
                return RedirectToPage("/Account/LoginTwoFactor", new { returnUrl = ReturnUrl, rememberMe = Input.RememberMe });
            case PasswordSignInOutcome.Disabled:
                ModelState.AddModelError(string.Empty, "This account cannot sign in. Ask your school's administrator.");
                return Page();
            case PasswordSignInOutcome.Refused:
                ModelState.AddModelError(string.Empty, PasswordSignIn.NotRight);
                return Page();
        }
        if (TwoFactorGate.IsRequired(tenant, user!.TwoFactorEnabled))
        {
            return RedirectToPage("/Account/TwoFactor", new { required = true });
        }
        return Redirect(SafeReturnUrl(ReturnUrl, Request.PathBase, Url.Content("~/admin")));
    }

    /// <summary>Only back into this tenant's own pages; anything else goes to the dashboard.</summary>
    public static string SafeReturnUrl(string? returnUrl, PathString pathBase, string fallback)
    {
        if (string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//") || returnUrl.StartsWith("/\\"))
        {
            return fallback;
        }
        return !pathBase.HasValue || returnUrl == pathBase.Value || returnUrl.StartsWith(pathBase.Value + "/", StringComparison.Ordinal)
            ? returnUrl
            : fallback;
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;

        [Display(Name = "Keep me signed in on this device")]
        public bool RememberMe { get; set; }
    }
}
