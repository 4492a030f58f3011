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
    public bool Revoked { get; set; }
}
