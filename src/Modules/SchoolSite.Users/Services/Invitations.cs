using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>Where an invitation stands: when it was sent, until when its link works.</summary>
public sealed record InvitationState(DateTime SentUtc, DateTime ExpiresUtc, bool Expired);

/// <summary>The invited account (null when it could not be made, with the reasons), and any role it could not be given.</summary>
public sealed record InviteResult(SchoolUser? User, IReadOnlyList<string> AccountErrors, IReadOnlyList<string> RoleRefusals);

/// <summary>
/// New accounts are made by invitation: the person gets an e-mail with a link to choose their own password, so no
/// administrator ever sees or chooses it. Until the link is used the account has no password and cannot sign in.
/// An invitation can be sent again (the earlier link stops working) or cancelled (the unused account is removed).
/// Each is recorded in the audit trail with the change it makes.
/// </summary>
public sealed class Invitations(UserManager<SchoolUser> users, UsersDbContext db, AccountLinks links, UserRoles userRoles, SchoolEvents events,
    IAccountMail mail, TenantContext tenant, TimeProvider time)
{
    /// <summary>
    /// Makes the account (without a password) and its invitation link, gives it <paramref name="roles"/> if <paramref name="by"/>
    /// may, and e-mails the invitation. Refused with Identity's reasons (an address already in use) before anything is made.
    /// </summary>
    public async Task<InviteResult> InviteAsync(string name, string email, IReadOnlyCollection<string> roles, ClaimsPrincipal by, string linkBase)
    {
        var actor = Actor.Of(by);
        var user = new SchoolUser
        {
            UserName = email, Email = email, EmailConfirmed = false, DisplayName = name, CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        IdentityResult result = IdentityResult.Success;
        var token = string.Empty;
        await events.CommitAsync(db, async () =>
        {
            result = await users.CreateAsync(user);
            if (!result.Succeeded)
            {
                return (IReadOnlyList<IAuditedEvent>)[];
            }
            token = await links.AddAsync(user, AccountLinkPurpose.Invitation, actor.Name);
            return [new UserChanged(user.Id, actor.Name, "created", null, $"{email}; roles: {string.Join(", ", roles)}"),
                new InvitationChanged(user.Id, actor.Name, "invitation-sent", email)];
        });
        if (!result.Succeeded)
        {
            return new InviteResult(null, result.Errors.Select(e => e.Description).ToList(), []);
        }
        var refusals = await userRoles.ChangeAsync(by, user, roles);
        mail.Queue(AccountEmails.Invitation(user, tenant.Shell.Settings.SiteName, actor.Name, linkBase, token));
        return new InviteResult(user, [], refusals);
    }

    /// <summary>Whether the person has yet to accept an invitation, and how it stands; null once they have a password.</summary>
    public async Task<InvitationState?> StateAsync(SchoolUser user)
    {
        if (await users.HasPasswordAsync(user))
        {
            return null;
        }
        var link = await links.LatestAsync(user.Id, AccountLinkPurpose.Invitation);
        return link is null
            ? new InvitationState(user.CreatedUtc, user.CreatedUtc, Expired: true)
            : new InvitationState(link.CreatedUtc, link.ExpiresUtc, link.IsExpiredAt(time.GetUtcNow().UtcDateTime));
    }

    /// <summary>A new invitation link (the earlier one stops working), e-mailed; returns why not, or null.</summary>
    public async Task<string?> ResendAsync(SchoolUser user, Actor by, string linkBase)
    {
        if (await users.HasPasswordAsync(user))
        {
            return $"{user.DisplayName} has already accepted their invitation. To help them sign in, send them a link to choose a new password.";
        }
        if (user.IsDisabled)
        {
            return "This account is disabled. Enable it first, then send the invitation again.";
        }
        string token = string.Empty;
        await events.CommitAsync(db, async () =>
        {
            token = await links.AddAsync(user, AccountLinkPurpose.Invitation, by.Name);
            return (IReadOnlyList<InvitationChanged>)[new InvitationChanged(user.Id, by.Name, "invitation-resent", user.Email!)];
        });
        mail.Queue(AccountEmails.Invitation(user, tenant.Shell.Settings.SiteName, by.Name, linkBase, token));
        return null;
    }

    /// <summary>Cancels an invitation not yet accepted: the account, never used, is removed with its link. Returns why not, or null.</summary>
    public async Task<string?> CancelAsync(SchoolUser user, Actor by)
    {
        if (await users.HasPasswordAsync(user))
        {
            return $"{user.DisplayName} has already accepted their invitation, so it cannot be cancelled. To stop them signing in, disable the account.";
        }
        IdentityResult deleted = IdentityResult.Success;
        await events.CommitAsync(db, async () =>
        {
            deleted = await users.DeleteAsync(user);
            return deleted.Succeeded ? [new InvitationChanged(user.Id, by.Name, "invitation-cancelled", user.Email!)] : (IReadOnlyList<InvitationChanged>)[];
        });
        return deleted.Succeeded ? null : string.Join(" ", deleted.Errors.Select(e => e.Description));
    }
}
