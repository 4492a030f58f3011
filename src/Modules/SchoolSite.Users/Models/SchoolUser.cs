using Microsoft.AspNetCore.Identity;

namespace SchoolSite.Users.Models;

/// <summary>A person who signs in to one school's (or the trust's) dashboard. Lives in that tenant's database.</summary>
public sealed class SchoolUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>A disabled user cannot sign in, and an open session ends on its next request.</summary>
    public bool IsDisabled { get; set; }

    public DateTime CreatedUtc { get; set; }
}

public sealed class SchoolRole : IdentityRole
{
    public SchoolRole() { }

    public SchoolRole(string name) : base(name) { }

    public string? Description { get; set; }
}
