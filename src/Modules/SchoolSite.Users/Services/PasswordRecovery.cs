using Microsoft.AspNetCore.Identity;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>What an e-mailed link is for, as its page shows it: whose account, and whether they are new.</summary>
public sealed record LinkHolder(string Email, string? Name, bool IsNew);

/// <summary>
/// Choosing a password without knowing the old one: "forgot password" (anyone may ask; the answer never says whether
/// the address has an account), a reset link sent by an administrator, and the link's page itself, which also
/// accepts invitations. Changing one's own password (knowing the current one) is here too. Every step is recorded
/// in the audit trail with the change it makes; the link and the password never are.
/// </summary>
public sealed class PasswordRecovery(UserManager<SchoolUser> users, SignInManager<SchoolUser> signIn, UsersDbContext db, AccountLinks links,
    SchoolEvents events, IAccountMail mail, TenantContext tenant, TimeProvider time)
{
    /// <summary>One reset e-mail per account in this time, however often someone asks: a stranger cannot fill a colleague's inbox.</summary>
    public static readonly TimeSpan ResendPause = TimeSpan.FromMinutes(5);

    /// <summary>"Forgot password": e-mails a reset link if the address belongs to an account that may sign in. Says nothing either way.</summary>
    public async Task RequestAsync(string email, string linkBase)
    {
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || user.IsDisabled || await links.RecentResetAsync(user.Id, time.GetUtcNow().UtcDateTime - ResendPause))
        {
            return;
        }
        var token = string.Empty;
        await events.CommitAsync(db, async () =>
        {
            token = await links.AddAsync(user, AccountLinkPurpose.Reset, user.Email!);
            return (IReadOnlyList<PasswordChanged>)[new PasswordChanged(user.Id, user.Email!, "password-reset-requested", "forgot password page")];
        });
        mail.Queue(AccountEmails.Reset(user, tenant.Shell.Settings.SiteName, null, linkBase, token));
    }

    /// <summary>An administrator sends the person a reset link (the caller has checked they may); returns why not, or null.</summary>
    public async Task<string?> SendResetAsync(SchoolUser user, Actor by, string linkBase)
    {
        if (user.IsDisabled)
        {
            return "This account is disabled, so it cannot choose a new password. Enable it first.";
        }
        var token = string.Empty;
        await events.CommitAsync(db, async () =>
        {
            token = await links.AddAsync(user, AccountLinkPurpose.Reset, by.Name);
            return (IReadOnlyList<PasswordChanged>)[new PasswordChanged(user.Id, by.Name, "password-reset-sent", user.Email)];
        });
        mail.Queue(AccountEmails.Reset(user, tenant.Shell.Settings.SiteName, by.Name, linkBase, token));
        return null;
    }

    /// <summary>Whose link this is, if it still works.</summary>
    public async Task<LinkHolder?> HolderAsync(string? token)
        => await links.FindAsync(token) is var (_, user) ? new LinkHolder(user.Email!, user.DisplayName, !await users.HasPasswordAsync(user)) : null;

    /// <summary>
    /// Sets the password of the link's account and ends the link (and every other link and session of the account).
    /// Null: the link no longer works. Otherwise the reasons the password was refused (empty when it was set).
    /// </summary>
    public async Task<IReadOnlyList<string>?> CompleteAsync(string? token, string password)
    {
        if (await links.FindAsync(token) is not var (link, user))
        {
            return null;
        }
        var isNew = !await users.HasPasswordAsync(user);
        IdentityResult result = IdentityResult.Success;
        try
        {
            await events.CommitAsync(db, async () =>
            {
                // Both validate the password (length, the common-password list) and give the account a new security stamp,
                // which ends any session someone else had open with the old password.
                result = isNew ? await users.AddPasswordAsync(user, password)
                    : await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password);
                if (!result.Succeeded)
                {
                    return (IReadOnlyList<IAuditedEvent>)[];
                }
                // Single use, even when the link is opened twice at once: only one of them removes it; the other is undone.
                if (!await links.ConsumeAsync(link))
                {
                    throw new LinkAlreadyUsed();
                }
                // Opening the e-mail proved the address; too many wrong guesses by someone else must not keep the owner out.
                user.EmailConfirmed = true;
                await users.SetLockoutEndDateAsync(user, null);
                await users.ResetAccessFailedCountAsync(user);
                await links.RemoveAllAsync(user.Id);
                return isNew
                    ? [new InvitationChanged(user.Id, user.Email!, "invitation-accepted", user.Email!)]
                    : [new PasswordChanged(user.Id, user.Email!, "password-reset-completed", link.SentBy == user.Email ? "link the person asked for" : "link sent by " + link.SentBy)];
            });
        }
        catch (LinkAlreadyUsed)
        {
            return null;
        }
        return result.Errors.Select(e => e.Description).ToList();
    }

    private sealed class LinkAlreadyUsed : Exception;

    /// <summary>
    /// Changes the signed-in person's own password, which needs the current one (a wrong one counts towards the lockout,
    /// so an open session on a shared computer cannot be used to guess it). Returns why the current password was refused, or
    /// the reasons the new one was (both empty when it was changed).
    /// </summary>
    public async Task<(string? CurrentRefused, IReadOnlyList<string> NewRefused)> ChangeAsync(SchoolUser user, string current, string password)
    {
        var check = await signIn.CheckPasswordSignInAsync(user, current, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            return (check.IsLockedOut
                ? "There have been too many attempts; try again in 15 minutes. If you have forgotten your password, sign out and use \"Forgot your password?\" on the sign-in page."
                : "Your current password is not right. If you have forgotten it, sign out and use \"Forgot your password?\" on the sign-in page.", []);
        }
        IdentityResult result = IdentityResult.Success;
        await events.CommitAsync(db, async () =>
        {
            result = await users.ChangePasswordAsync(user, current, password);
            if (!result.Succeeded)
            {
                return (IReadOnlyList<PasswordChanged>)[];
            }
            await links.RemoveAllAsync(user.Id);
            return [new PasswordChanged(user.Id, user.Email ?? user.Id, "password-changed", "current password")];
        });
        if (result.Succeeded)
        {
            // The new security stamp would end this session too: keep the person signed in here, and only here.
            await signIn.RefreshSignInAsync(user);
        }
        return (null, result.Errors.Select(e => e.Description).ToList());
    }
}
