using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Provisioning;
using SchoolSite.Core.Security;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Pages.Admin.Users;

[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ManageUsers)]
public sealed class CreateModel(UserManager<SchoolUser> users, RoleManager<SchoolRole> roles, TimeProvider time) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public IReadOnlyList<string> AllRoles { get; private set; } = [];
    public string? CreatedPassword { get; private set; }

    public async Task OnGetAsync() => AllRoles = await RoleNamesAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        AllRoles = await RoleNamesAsync();
        var unknownRoles = Input.Roles.Except(AllRoles).ToList();
        if (unknownRoles.Count > 0)
        {
            ModelState.AddModelError("Input.Roles", $"There is no role {string.Join(", ", unknownRoles)}.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var password = string.IsNullOrEmpty(Input.Password) ? PasswordGenerator.Generate() : Input.Password;
        var user = new SchoolUser
        {
            UserName = Input.Email,
            Email = Input.Email,
            EmailConfirmed = true,
            DisplayName = Input.DisplayName,
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password") ? "Input.Password" : "Input.Email", error.Description);
            }
            return Page();
        }
        if (Input.Roles.Count > 0)
        {
            await users.AddToRolesAsync(user, Input.Roles);
        }
        CreatedPassword = password;
        return Page();
    }

    private async Task<IReadOnlyList<string>> RoleNamesAsync()
        => await roles.Roles.Select(r => r.Name!).Where(n => n != SchoolSite.Core.Security.Roles.Anonymous && n != SchoolSite.Core.Security.Roles.Authenticated).OrderBy(n => n).ToListAsync();

    public sealed class UserInput
    {
        [Required(ErrorMessage = "Enter the person's name."), StringLength(200)]
        [Display(Name = "Name")]
        public string DisplayName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter an e-mail address."), EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = string.Empty;

        [DataType(DataType.Password)]
        public string? Password { get; set; }

        public List<string> Roles { get; set; } = [];
    }
}
