using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Users.Models;
using SchoolSite.Users.Services;

namespace SchoolSite.Users.Pages.Account;

/// <summary>Signing out is a POST with antiforgery, so another site cannot sign a user out.</summary>
[AllowAnonymous]
[AllowBeforeTwoFactor]
[NoSchoolContent("signing out")]
public sealed class LogoutModel(SignInManager<SchoolUser> signIn) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return Redirect(Url.Content("~/login"));
    }
}
