using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SchoolSite.Core.Hosting;

/// <summary>
/// Schools served by prefix share one origin, and a school may edit its own templates: a form on one school's
/// page could otherwise post, with a visitor's cookies, to another school or to the trust. So a state-changing
/// call to the JSON API that is signed in by cookie must come from this origin (when the browser says where it
/// came from) and carry an antiforgery token (a header the admin's own clients send; a plain form cannot).
/// Razor pages check their own form tokens; calls with a bearer token (API keys, personal tokens) are not
/// affected, since no browser adds one to a forged request.
/// </summary>
public sealed class ForgeryProtectionMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    /// <summary>The header cookie-signed-in API clients put the token in (from <c>GET /api/antiforgery</c>).</summary>
    public const string HeaderName = "RequestVerificationToken";

    public async Task InvokeAsync(HttpContext context)
    {
        if (Guarded(context))
        {
            if (FromElsewhere(context.Request))
            {
                await RefuseAsync(context, "This request came from another site, so it was not carried out.");
                return;
            }
            if (context.User.Identity?.IsAuthenticated == true && !await TokenValidAsync(context))
            {
                await RefuseAsync(context, $"This request has no valid antiforgery token. Send the token from GET api/antiforgery in the {HeaderName} header, " +
                    "or use a personal API token instead of the session cookie.");
                return;
            }
        }
        await next(context);
    }

    /// <summary>
    /// Without the header, the token is looked for in the form: a multipart body that cannot be read (no boundary, cut short)
    /// then has no token either, rather than failing the request with a 500.
    /// </summary>
    private async Task<bool> TokenValidAsync(HttpContext context)
    {
        try
        {
            return await antiforgery.IsRequestValidAsync(context);
        }
        catch (Exception ex) when (ex is AntiforgeryValidationException or InvalidDataException or IOException && !context.RequestAborted.IsCancellationRequested)
        {
            return false;
        }
    }

    private static bool Guarded(HttpContext context)
        => !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && context.GetEndpoint() is { } endpoint
            // Razor pages validate the token in their own forms.
            && endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>() is null
            && !context.Request.Headers.ContainsKey(HeaderNames.Authorization);

    /// <summary>What the browser says about where the request came from: another site, or another origin.</summary>
    private static bool FromElsewhere(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site)
        {
            return site is not ("same-origin" or "none");
        }
        return request.Headers.Origin.ToString() is { Length: > 0 } origin
            && (!Uri.TryCreate(origin, UriKind.Absolute, out var from) || !string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }

    private static Task RefuseAsync(HttpContext context, string title)
        => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: title).ExecuteAsync(context);
}
