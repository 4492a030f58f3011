using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Events;
using SchoolSite.Core.Provisioning;
using SchoolSite.Core.Security;
using SchoolSite.Users.Models;
using SchoolSite.Users.Services;

namespace SchoolSite.Users.Pages.Admin.Users;

[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ManageUsers)]
public sealed class CreateModel(UserManager<SchoolUser> users, RoleEditor roles, UserRoles userRoles, TimeProvider time, SchoolEvents events, UsersDbContext db)
    : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public IReadOnlyList<string> AllRoles { get; private set; } = [];
    public string? CreatedPassword { get; private set; }

    public async Task OnGetAsync() => AllRoles = await roles.AssignableAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        AllRoles = await roles.AssignableAsync();
        var unknownRoles = Input.Roles.Except(AllRoles).ToList();
        if (unknownRoles.Count > 0)
        {
            ModelState.AddModelError("Input.Roles", $"There is no role {string.Join(", ", unknownRoles)}.");
        }
        if (ModelState.IsValid)
        {
            foreach (var refusal in await userRoles.RefusalsAsync(User, null, Input.Roles))
            {
                ModelState.AddModelError("Input.Roles", refusal);
            }
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
        IdentityResult result = IdentityResult.Success;
        await events.CommitAsync(db, async () =>
        {
            result = await users.CreateAsync(user, password);
            return result.Succeeded
                ? [new UserChanged(user.Id, Actor.Of(User).Name, "created", null, $"{user.Email}; roles: {string.Join(", ", Input.Roles)}")]
                : (IReadOnlyList<UserChanged>)[];
        });
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password") ? "Input.Password" : "Input.Email", error.Description);
            }
            return Page();
        }
        foreach (var refusal in await userRoles.ChangeAsync(User, user, Input.Roles))
        {
            ModelState.AddModelError("Input.Roles", refusal);
        }
        CreatedPassword = password;
        return Page();
    }

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
