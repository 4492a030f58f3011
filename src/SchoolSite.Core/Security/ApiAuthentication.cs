using Microsoft.AspNetCore.Identity;

namespace SchoolSite.Core.Security;

/// <summary>How a school's JSON API is signed in to: the session cookie, or a personal token (the users module issues both).</summary>
public static class ApiAuthentication
{
    public const string PersonalTokenScheme = "PersonalToken";

    /// <summary>The schemes an API endpoint accepts, for <c>AuthorizeAttribute.AuthenticationSchemes</c>.</summary>
    public static readonly string Schemes = $"{IdentityConstants.ApplicationScheme},{PersonalTokenScheme}";
}
