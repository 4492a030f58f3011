namespace SchoolSite.Users.Models;

/// <summary>A user's personal API token: only its SHA-256 hash is stored; the token is shown once.</summary>
public sealed class PersonalToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    public required string Preview { get; set; }
    public DateTime CreatedUtc { get; set; }

    /// <summary>After this instant the token is refused (the school's "Days a new API token works" when it was made).</summary>
    public DateTime ExpiresUtc { get; set; }

    /// <summary>When a program last signed in with it (to the minute), or null if never.</summary>
    public DateTime? LastUsedUtc { get; set; }

    public bool Revoked { get; set; }

    public bool IsExpiredAt(DateTime utcNow) => ExpiresUtc <= utcNow;
}
