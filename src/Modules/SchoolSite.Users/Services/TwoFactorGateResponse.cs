using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace SchoolSite.Users.Services;

/// <summary>
/// What someone refused by <see cref="TwoFactorGate"/> is told: a person on a page is taken to set up
/// two-factor sign-in; a program on the API gets a 403 problem saying where to do it. Every other refusal is
/// answered as before (sign-in page, access denied, 401/403).
/// </summary>
public sealed class TwoFactorGateResponse : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _usual = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || authorizeResult.AuthorizationFailure?.FailureReasons.Any(r => r.Handler is TwoFactorGate) != true)
        {
            return _usual.HandleAsync(next, context, policy, authorizeResult);
        }
        var enrolment = context.Request.PathBase + TwoFactorGate.EnrolmentPath;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: $"Set up two-factor sign-in at {enrolment} first.",
                detail: "Your school requires two-factor sign-in for staff. Sign in on the website and set up an authenticator app there; "
                    + "your session and your personal API tokens work again as soon as you have.").ExecuteAsync(context);
        }
        context.Response.Redirect(enrolment + "?required=true");
        return Task.CompletedTask;
    }
}
