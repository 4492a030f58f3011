using System.Security.Claims;

namespace SchoolSite.Core.Security;

/// <summary>
/// Who did something: a signed-in user (their id and the name staff know them by), or the system acting
/// for the school (a recipe, a scheduled job). Every audit entry, history line and "changed by" names
/// people this one way.
/// </summary>
public sealed record Actor(string? UserId, string Name)
{
    public static readonly Actor System = new(null, "system");

    public static Actor Of(ClaimsPrincipal user)
        => new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.FindFirstValue("name") ?? user.Identity?.Name ?? "unknown");

    /// <summary>Something acting without a user account: "recipe", "scheduled publishing", a carer through their link.</summary>
    public static Actor Named(string name) => new(null, name);
}
