using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using SchoolSite.Core.Hosting;
using SchoolSite.Users.Services;

namespace SchoolSite.Users.Endpoints;

/// <summary>
/// The antiforgery token for a script that calls the JSON API with the session cookie: it sends the token back
/// in a header on every change. A page of another school cannot read it, so it cannot forge those calls.
/// </summary>
public static class AntiforgeryApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapGet("/api/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
            {
                var tokens = antiforgery.GetAndStoreTokens(http);
                http.Response.Headers.CacheControl = "no-store";
                return Results.Json(new { headerName = ForgeryProtectionMiddleware.HeaderName, token = tokens.RequestToken });
            })
            // Before two-factor too: the enrolment page's own scripts may need it, and the token alone reveals nothing.
            .WithMetadata(new AllowBeforeTwoFactorAttribute())
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = IdentityConstants.ApplicationScheme });
}
