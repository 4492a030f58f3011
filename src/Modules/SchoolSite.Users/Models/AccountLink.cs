namespace SchoolSite.Users.Models;

/// <summary>What an e-mailed link lets its holder do: finish setting up a new account, or choose a new password.</summary>
public enum AccountLinkPurpose
{
    Invitation,
    Reset,
}

/// <summary>
/// A link e-mailed to a person so they can choose their password: only the SHA-256 hash of its secret is
/// stored. It works once, until it expires; a newer link of the same kind, a password set any other way,
/// a changed e-mail address or a disabled account end it (the row is removed).
/// </summary>
public sealed class AccountLink
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public AccountLinkPurpose Purpose { get; set; }
    public required string TokenHash { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ExpiresUtc { get; set; }

    /// <summary>Who asked for it to be sent (an administrator, or the person themselves through "forgot password").</summary>
    public required string SentBy { get; set; }

    public bool IsExpiredAt(DateTime utcNow) => ExpiresUtc <= utcNow;
}
