using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>
/// "Authorization: Bearer sst_…" on a school's API: acts as the token's user, if the token is neither revoked
/// nor expired and the user is still enabled. A refused token gets a 401 problem saying why and what to do.
/// </summary>
public sealed class PersonalTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PersonalTokens tokens, UserManager<SchoolUser> users, IUserClaimsPrincipalFactory<SchoolUser> principals, TenantContext tenant)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = ApiAuthentication.PersonalTokenScheme;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer " + PersonalTokens.Prefix, StringComparison.Ordinal) || !tenant.HasTenant)
        {
            return AuthenticateResult.NoResult();
        }
        var check = await tokens.CheckAsync(header["Bearer ".Length..].Trim());
        var user = check.UserId is null ? null : await users.FindByIdAsync(check.UserId);
        if (user is null || user.IsDisabled)
        {
            return AuthenticateResult.Fail(check.Problem ?? "The user of this API token cannot sign in any more.");
        }
        var principal = await principals.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is null || Response.HasStarted)
        {
            await base.HandleChallengeAsync(properties);
            return;
        }
        Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: result.Failure.Message,
            detail: $"Make a new token on your API tokens page ({Request.PathBase}/account/tokens) and use that instead.").ExecuteAsync(Context);
    }
}
