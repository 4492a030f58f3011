using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Services;

namespace SchoolSite.Users.Pages.Account;

/// <summary>Anyone may ask for a reset link; the answer is the same whether or not the address has an account.</summary>
[AllowAnonymous]
[NoSchoolContent("asking for a link to choose a new password")]
public sealed class ForgotPasswordModel(PasswordRecovery recovery, AccountLinkAddress address, TenantContext tenant) : PageModel
{
    [BindProperty]
    public ForgotInput Input { get; set; } = new();

    public bool Sent { get; private set; }

    public double ResetHours => AccountLinks.ResetLifetime.TotalHours;

    public string AskWhom => tenant.IsHost ? "a trust administrator" : "your school's administrator";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await recovery.RequestAsync(Input.Email, address.BaseFor(Request));
        Sent = true;
        return Page();
    }

    public sealed class ForgotInput
    {
        [Required(ErrorMessage = "Enter the e-mail address you sign in with."), StringLength(256, ErrorMessage = "An e-mail address is at most 256 characters.")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address, like name@school.example.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = string.Empty;
    }
}
