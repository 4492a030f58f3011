using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Users.Models;
using SchoolSite.Users.Services;

namespace SchoolSite.Users.Pages.Account;

/// <summary>Any signed-in person changes their own password, proving it is them with the current one.</summary>
public sealed class ChangePasswordModel(UserManager<SchoolUser> users, PasswordRecovery recovery) : PageModel
{
    [BindProperty]
    public ChangeInput Input { get; set; } = new();

    public bool Changed { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        var (currentRefused, newRefused) = await recovery.ChangeAsync(user, Input.Current, Input.Password);
        if (currentRefused is not null)
        {
            ModelState.AddModelError("Input.Current", currentRefused);
        }
        foreach (var reason in newRefused)
        {
            ModelState.AddModelError("Input.Password", reason);
        }
        Changed = ModelState.IsValid;
        return Page();
    }

    public sealed class ChangeInput
    {
        [Required(ErrorMessage = "Enter your current password."), StringLength(200, ErrorMessage = "A password is at most 200 characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string Current { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter a new password."), StringLength(200, ErrorMessage = "A password is at most 200 characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter the new password again."), Compare(nameof(Password), ErrorMessage = "The two new passwords are not the same; type them again.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password again")]
        public string Confirm { get; set; } = string.Empty;
    }
}
