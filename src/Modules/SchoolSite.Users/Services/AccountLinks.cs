using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Security;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>
/// The secrets in e-mailed links (invitations, password resets): random, stored only as a hash, found by that hash,
/// working once and until they expire. A link names no account: whoever holds it is the person it was sent to.
/// </summary>
public sealed class AccountLinks(UsersDbContext db, TimeProvider time)
{
    public const string Prefix = "ssp_";

    // A new member of staff may not read their e-mail the day they are added; someone who forgot their password is waiting for it.
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan ResetLifetime = TimeSpan.FromHours(24);

    public static TimeSpan LifetimeOf(AccountLinkPurpose purpose) => purpose == AccountLinkPurpose.Invitation ? InvitationLifetime : ResetLifetime;

    /// <summary>A new link for <paramref name="user"/>, replacing any earlier one of the same kind (added to the context, not saved); returns its secret.</summary>
    public async Task<string> AddAsync(SchoolUser user, AccountLinkPurpose purpose, string sentBy)
    {
        db.AccountLinks.RemoveRange(await db.AccountLinks.Where(l => l.UserId == user.Id && l.Purpose == purpose).ToListAsync());
        var token = SecretTokens.New(Prefix);
        var now = time.GetUtcNow().UtcDateTime;
        db.AccountLinks.Add(new AccountLink
        {
            UserId = user.Id, Purpose = purpose, TokenHash = SecretTokens.Hash(token), CreatedUtc = now, ExpiresUtc = now + LifetimeOf(purpose),
            SentBy = sentBy.Length > 256 ? sentBy[..256] : sentBy,
        });
        return token;
    }

    /// <summary>The link and its account, if the secret is one that still works: not used, not expired, and the account not disabled.</summary>
    public async Task<(AccountLink Link, SchoolUser User)?> FindAsync(string? token)
    {
        if (token is null || !SecretTokens.LooksLike(token, Prefix))
        {
            return null;
        }
        var hash = SecretTokens.Hash(token);
        var link = await db.AccountLinks.SingleOrDefaultAsync(l => l.TokenHash == hash);
        if (link is null || link.IsExpiredAt(time.GetUtcNow().UtcDateTime))
        {
            return null;
        }
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == link.UserId);
        return user is null || user.IsDisabled ? null : (link, user);
    }

    /// <summary>The newest link of this kind for the user, expired or not (for the user's page).</summary>
    public Task<AccountLink?> LatestAsync(string userId, AccountLinkPurpose purpose)
        => db.AccountLinks.AsNoTracking().Where(l => l.UserId == userId && l.Purpose == purpose).OrderByDescending(l => l.Id).FirstOrDefaultAsync();

    /// <summary>Whether a reset link made for the user after <paramref name="since"/> is still unused.</summary>
    public Task<bool> RecentResetAsync(string userId, DateTime since)
        => db.AccountLinks.AnyAsync(l => l.UserId == userId && l.Purpose == AccountLinkPurpose.Reset && l.CreatedUtc > since);

    /// <summary>Removes the link at once (in the current transaction); false when another request already did.</summary>
    public async Task<bool> ConsumeAsync(AccountLink link) => await db.AccountLinks.Where(l => l.Id == link.Id).ExecuteDeleteAsync() == 1;

    /// <summary>Ends every link of the user (removed from the context, not saved): their password was set, their address changed, or the account was disabled.</summary>
    public async Task RemoveAllAsync(string userId)
        => db.AccountLinks.RemoveRange(await db.AccountLinks.Where(l => l.UserId == userId).ToListAsync());
}
