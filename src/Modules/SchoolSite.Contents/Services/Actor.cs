using System.Security.Claims;

namespace SchoolSite.Contents.Services;

public static class Actor
{
    /// <summary>The signed-in user as the author of a content change.</summary>
    public static ContentActor Of(ClaimsPrincipal user)
        => new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.FindFirstValue("name") ?? user.Identity?.Name);
}
