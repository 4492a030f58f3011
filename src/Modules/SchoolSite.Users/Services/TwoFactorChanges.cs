using Microsoft.AspNetCore.Identity;
using SchoolSite.Core.Events;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>
/// Turning two-factor sign-in on and off and making new recovery codes, each recorded in the audit trail.
/// Turning it off and new codes need proof beyond the session (the current password, or the code the
/// authenticator app shows now), so a session left open on a shared staff-room computer cannot remove the
/// second factor or read fresh recovery codes. Wrong proofs count towards the account's lockout.
/// </summary>
public sealed class TwoFactorChanges(UserManager<SchoolUser> users, SignInManager<SchoolUser> signIn, SchoolEvents events, UsersDbContext db)
{
    private const int RecoveryCodes = 10;

    /// <summary>Turns it on if <paramref name="code"/> is what the newly added authenticator shows; returns the recovery codes, or null.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(SchoolUser user, string? code, string actor)
    {
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, Digits(code)))
        {
            return null;
        }
        List<string> codes = [];
        await events.CommitAsync(db, async () =>
        {
            await users.SetTwoFactorEnabledAsync(user, true);
            codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodes))?.ToList() ?? [];
            return (IReadOnlyList<TwoFactorChanged>)[new TwoFactorChanged(user.Id, actor, "two-factor-enabled", "authenticator code")];
        });
        return codes;
    }

    /// <summary>New recovery codes (the old ones stop working), or why not.</summary>
    public async Task<(IReadOnlyList<string>? Codes, string? Refusal)> NewRecoveryCodesAsync(SchoolUser user, string? proof, string actor)
    {
        var (refusal, method) = await ProveAsync(user, proof, "make new recovery codes");
        if (refusal is not null)
        {
            return (null, refusal);
        }
        List<string> codes = [];
        await events.CommitAsync(db, async () =>
        {
            codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodes))?.ToList() ?? [];
            return (IReadOnlyList<TwoFactorChanged>)[new TwoFactorChanged(user.Id, actor, "recovery-codes-reissued", method)];
        });
        return (codes, null);
    }

    /// <summary>Turns two-factor sign-in off and forgets the authenticator; returns why not, or null when done.</summary>
    public async Task<string?> DisableAsync(SchoolUser user, string? proof, string actor)
    {
        var (refusal, method) = await ProveAsync(user, proof, "turn off two-factor sign-in");
        if (refusal is not null)
        {
            return refusal;
        }
        await events.CommitAsync(db, async () =>
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            return (IReadOnlyList<TwoFactorChanged>)[new TwoFactorChanged(user.Id, actor, "two-factor-disabled", method)];
        });
        return null;
    }

    /// <summary>Null and how it was proved, or why it was not.</summary>
    private async Task<(string? Refusal, string Method)> ProveAsync(SchoolUser user, string? proof, string what)
    {
        var text = proof?.Trim() ?? string.Empty;
        var ask = $"To {what}, enter your current password or the code your authenticator app shows now. If you can do neither, ask your school's administrator.";
        if (text.Length == 0)
        {
            return (ask, string.Empty);
        }
        const string tooMany = "There have been too many attempts; try again in 15 minutes.";
        var code = Digits(text);
        // Passwords are at least 12 characters long, so six digits can only be a code.
        if (code.Length == 6 && code.All(char.IsAsciiDigit))
        {
            if (await users.IsLockedOutAsync(user))
            {
                return (tooMany, string.Empty);
            }
            if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.ResetAccessFailedCountAsync(user);
                return (null, "authenticator code");
            }
            await users.AccessFailedAsync(user);
            return ("That code is not right. " + ask, string.Empty);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, text, lockoutOnFailure: true);
        return result.Succeeded ? (null, "password")
            : result.IsLockedOut ? (tooMany, string.Empty)
            : ("That password is not right. " + ask, string.Empty);
    }

    private static string Digits(string? code) => (code ?? string.Empty).Replace(" ", string.Empty).Replace("-", string.Empty);
}
