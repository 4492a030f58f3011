using Microsoft.AspNetCore.Identity;
using SchoolSite.Core.Events;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

public enum PasswordSignInOutcome
{
    SignedIn,
    NeedsSecondFactor,

    /// <summary>Unknown address, wrong password or too many attempts: one answer, so it does not tell which.</summary>
    Refused,

    /// <summary>The password is right but the account is disabled (said only to someone who knows the password).</summary>
    Disabled,
}

/// <summary>
/// Signing in with a password without telling a stranger whether an account exists. Every attempt costs one
/// password check: an unknown address is checked against a fixed dummy hash, and where Identity refuses
/// before checking (a locked or disabled account) the password is checked anyway. Unknown, wrong and locked
/// all get <see cref="NotRight"/>.
/// </summary>
public sealed class PasswordSignIn(SignInManager<SchoolUser> signIn, UserManager<SchoolUser> users, IPasswordHasher<SchoolUser> hasher, SchoolEvents events)
{
    public const string NotRight = "The e-mail address or password is not right, or there have been too many attempts; try again in 15 minutes.";

    private static readonly SchoolUser Nobody = new();
    private static string? _dummyHash;

    public async Task<(PasswordSignInOutcome Outcome, SchoolUser? User)> SignInAsync(string login, string password, bool remember)
    {
        var user = await users.FindByEmailAsync(login) ?? await users.FindByNameAsync(login);
        // An invited account has no password until its invitation is accepted: answered like an unknown address.
        if (user is null || user.PasswordHash is null)
        {
            hasher.VerifyHashedPassword(Nobody, _dummyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString()), password);
            return (PasswordSignInOutcome.Refused, user);
        }
        var lockedBefore = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await events.RaiseAsync(new SignInRecorded(user.Id, user.Email ?? user.Id, "signed-in", "password"));
            return (PasswordSignInOutcome.SignedIn, user);
        }
        if (result.RequiresTwoFactor)
        {
            return (PasswordSignInOutcome.NeedsSecondFactor, user);
        }
        if (result.IsNotAllowed)
        {
            // Identity refuses a disabled account before it looks at the password.
            return (await users.CheckPasswordAsync(user, password) ? PasswordSignInOutcome.Disabled : PasswordSignInOutcome.Refused, user);
        }
        if (result.IsLockedOut)
        {
            if (lockedBefore)
            {
                // Identity refuses a locked account before it looks at the password: the same work as any other attempt.
                hasher.VerifyHashedPassword(user, user.PasswordHash ?? string.Empty, password);
            }
            await events.RaiseAsync(new SignInRecorded(user.Id, user.Email ?? user.Id, "locked-out"));
        }
        return (PasswordSignInOutcome.Refused, user);
    }
}
