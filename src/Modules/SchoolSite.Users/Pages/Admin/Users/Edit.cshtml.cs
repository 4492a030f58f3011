using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Models;
using SchoolSite.Users.Services;

namespace SchoolSite.Users.Pages.Admin.Users;

[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ManageUsers)]
public sealed class EditModel(UserManager<SchoolUser> users, RoleEditor roles, UserRoles userRoles, SchoolEvents events, UsersDbContext db,
    Invitations invitations, PasswordRecovery recovery, AccountLinks links, AccountLinkAddress address, TenantContext tenant) : PageModel
{
    [BindProperty]
    public EditInput Input { get; set; } = new();

    public IReadOnlyList<string> AllRoles { get; private set; } = [];
    public bool IsDisabled { get; private set; }
    public string? Message { get; private set; }

    /// <summary>Set while the person has not yet accepted their invitation.</summary>
    public InvitationState? Invitation { get; private set; }

    /// <summary>The school's local time of an instant, for "sent on" and "works until".</summary>
    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), tenant.Shell.Settings.Zone());

    public async Task<IActionResult> OnGetAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        await LoadAsync(user, fillInput: true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        await LoadAsync(user, fillInput: false);
        var unknownRoles = Input.Roles.Except(AllRoles).ToList();
        if (unknownRoles.Count > 0)
        {
            ModelState.AddModelError("Input.Roles", $"There is no role {string.Join(", ", unknownRoles)}.");
        }
        if (ModelState.IsValid)
        {
            // Checked before anything is saved: a refused role change leaves the person as they were.
            foreach (var refusal in await userRoles.RefusalsAsync(User, user, Input.Roles))
            {
                ModelState.AddModelError("Input.Roles", refusal);
            }
        }
        if (ModelState.IsValid && await userRoles.AccountRefusalAsync(User, user) is { } notYours)
        {
            ModelState.AddModelError(string.Empty, notYours);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var before = $"{user.DisplayName} <{user.Email}>";
        user.DisplayName = Input.DisplayName;
        var emailChanged = !string.Equals(user.Email, Input.Email, StringComparison.OrdinalIgnoreCase);
        if (emailChanged)
        {
            user.Email = Input.Email;
            user.UserName = Input.Email;
        }
        var after = $"{user.DisplayName} <{user.Email}>";
        IdentityResult updated = IdentityResult.Success;
        await events.CommitAsync(db, async () =>
        {
            updated = await users.UpdateAsync(user);
            if (updated.Succeeded && emailChanged)
            {
                // A link sent to the old address must not work for whoever reads that mailbox now.
                await links.RemoveAllAsync(user.Id);
            }
            return updated.Succeeded && after != before ? [new UserChanged(user.Id, Actor.Of(User).Name, "changed", before, after)] : (IReadOnlyList<UserChanged>)[];
        });
        if (!updated.Succeeded)
        {
            foreach (var error in updated.Errors)
            {
                ModelState.AddModelError("Input.Email", error.Description);
            }
            return Page();
        }
        foreach (var refusal in await userRoles.ChangeAsync(User, user, Input.Roles))
        {
            ModelState.AddModelError("Input.Roles", refusal);
        }
        Message = !ModelState.IsValid ? null
            : emailChanged && Invitation is not null ? "Saved. The invitation sent to the old address no longer works: send the invitation again."
            : "Saved.";
        Invitation = await invitations.StateAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string id) => await SetDisabledAsync(id, disabled: true);

    public async Task<IActionResult> OnPostEnableAsync(string id) => await SetDisabledAsync(id, disabled: false);

    private async Task<IActionResult> SetDisabledAsync(string id, bool disabled)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (disabled && user.Id == users.GetUserId(User))
        {
            ModelState.AddModelError(string.Empty, "You cannot disable your own account.");
            await LoadAsync(user, fillInput: true);
            return Page();
        }
        if (await userRoles.AccountRefusalAsync(User, user) is { } notYours)
        {
            ModelState.AddModelError(string.Empty, notYours);
            await LoadAsync(user, fillInput: true);
            return Page();
        }
        user.IsDisabled = disabled;
        await events.CommitAsync(db, async () =>
        {
            await users.UpdateAsync(user);
            // A new stamp ends every open session of this user on its next request, and no e-mailed link lets them back in.
            await users.UpdateSecurityStampAsync(user);
            await links.RemoveAllAsync(user.Id);
            return (IReadOnlyList<UserChanged>)[new UserChanged(user.Id, Actor.Of(User).Name, disabled ? "disabled" : "enabled", null, user.Email)];
        });
        await LoadAsync(user, fillInput: true);
        Message = disabled ? "The account is disabled; its open sessions have ended." : "The account is enabled again.";
        return Page();
    }

    public Task<IActionResult> OnPostResendInvitationAsync(string id)
        => OnAccountActionAsync(id, async user => await invitations.ResendAsync(user, Actor.Of(User), address.BaseFor(Request)),
            user => $"We have sent the invitation to {user.Email} again. The earlier link no longer works.");

    public async Task<IActionResult> OnPostCancelInvitationAsync(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        var refusal = await userRoles.AccountRefusalAsync(User, user) ?? await invitations.CancelAsync(user, Actor.Of(User));
        if (refusal is not null)
        {
            ModelState.AddModelError(string.Empty, refusal);
            await LoadAsync(user, fillInput: true);
            return Page();
        }
        return Redirect(Url.Content("~/admin/users"));
    }

    public Task<IActionResult> OnPostSendResetAsync(string id)
        => OnAccountActionAsync(id, async user => await recovery.SendResetAsync(user, Actor.Of(User), address.BaseFor(Request)),
            user => $"We have sent {user.DisplayName} a link at {user.Email} to choose a new password. It works once, for {AccountLinks.ResetLifetime.TotalHours:0} hours; until then their current password keeps working.");

    /// <summary>An action on the person's account, allowed only to someone who could give every role they hold.</summary>
    private async Task<IActionResult> OnAccountActionAsync(string id, Func<SchoolUser, Task<string?>> action, Func<SchoolUser, string> done)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        var refusal = await userRoles.AccountRefusalAsync(User, user) ?? await action(user);
        if (refusal is not null)
        {
            ModelState.AddModelError(string.Empty, refusal);
        }
        await LoadAsync(user, fillInput: true);
        Message = refusal is null ? done(user) : null;
        return Page();
    }

    private async Task LoadAsync(SchoolUser user, bool fillInput)
    {
        AllRoles = await roles.AssignableAsync();
        IsDisabled = user.IsDisabled;
        Invitation = await invitations.StateAsync(user);
        if (fillInput)
        {
            Input = new EditInput
            {
                DisplayName = user.DisplayName ?? string.Empty,
                Email = user.Email ?? string.Empty,
                Roles = (await users.GetRolesAsync(user)).ToList(),
            };
        }
    }

    public sealed class EditInput
    {
        [Required(ErrorMessage = "Enter the person's name."), StringLength(200)]
        [Display(Name = "Name")]
        public string DisplayName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter an e-mail address."), EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = string.Empty;

        public List<string> Roles { get; set; } = [];
    }
}
