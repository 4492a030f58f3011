using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Configuration;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Users.Models;
using SchoolSite.Users.Services;

namespace SchoolSite.Users.Pages.Admin.Users;

/// <summary>
/// Adds a person by invitation: they choose their own password from the e-mailed link, so no administrator knows it.
/// Only an installation that allows it (<see cref="AdministratorsSetPasswordsKey"/>: trials without e-mail, automated
/// tests) offers a password field instead.
/// </summary>
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ManageUsers)]
public sealed class CreateModel(UserManager<SchoolUser> users, RoleEditor roles, UserRoles userRoles, Invitations invitations, AccountLinkAddress address,
    IConfiguration configuration, TimeProvider time, SchoolEvents events, UsersDbContext db) : PageModel
{
    public const string AdministratorsSetPasswordsKey = "SchoolSite:Users:AdministratorsSetPasswords";

    [BindProperty]
    public UserInput Input { get; set; } = new();

    public IReadOnlyList<string> AllRoles { get; private set; } = [];

    /// <summary>What was done, said to the administrator.</summary>
    public string? Done { get; private set; }

    public bool MaySetPassword => configuration.GetValue<bool>(AdministratorsSetPasswordsKey);

    public double InvitationDays => AccountLinks.InvitationLifetime.TotalDays;

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
        return MaySetPassword && !string.IsNullOrEmpty(Input.Password) ? await CreateWithPasswordAsync(Input.Password) : await InviteAsync();
    }

    private async Task<IActionResult> InviteAsync()
    {
        var invited = await invitations.InviteAsync(Input.DisplayName, Input.Email, Input.Roles, User, address.BaseFor(Request));
        foreach (var error in invited.AccountErrors)
        {
            ModelState.AddModelError("Input.Email", error);
        }
        foreach (var refusal in invited.RoleRefusals)
        {
            ModelState.AddModelError("Input.Roles", refusal);
        }
        if (invited.User is not null)
        {
            Done = $"We have sent {Input.DisplayName} an invitation at {Input.Email}. Once they choose their password with its link, they can sign in. "
                + $"The link works for {InvitationDays} days; if it does not arrive, send it again from their page.";
        }
        return Page();
    }

    private async Task<IActionResult> CreateWithPasswordAsync(string password)
    {
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
                ? [new UserChanged(user.Id, Actor.Of(User).Name, "created", null, $"{user.Email}; roles: {string.Join(", ", Input.Roles)}; password set by administrator")]
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
        Done = $"{Input.Email} can now sign in with the password you chose. Ask them to change it from their account menu (Change password).";
        return Page();
    }

    public sealed class UserInput
    {
        [Required(ErrorMessage = "Enter the person's name."), StringLength(200)]
        [Display(Name = "Name")]
        public string DisplayName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter an e-mail address."), EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(256, ErrorMessage = "An e-mail address is at most 256 characters.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = string.Empty;

        /// <summary>Only where the installation allows administrators to set passwords; ignored otherwise.</summary>
        [DataType(DataType.Password), StringLength(200, ErrorMessage = "A password is at most 200 characters.")]
        public string? Password { get; set; }

        public List<string> Roles { get; set; } = [];
    }
}
