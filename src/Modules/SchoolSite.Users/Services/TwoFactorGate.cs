using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Users.Services;

/// <summary>
/// The school's "require two-factor sign-in for staff", enforced by authorization itself: every policy
/// (a permission, the fallback, the default, a check made in code) fails for a person who has not set up
/// two-factor sign-in while their school requires it, whether they come with the session cookie or with a
/// personal token. So no page or API can be forgotten. Open to them: the pages marked
/// <see cref="AllowBeforeTwoFactorAttribute"/> (setting it up, signing out) and the sign-in pages, which
/// allow anonymous visitors anyway. <see cref="TwoFactorGateResponse"/> tells them what to do.
/// </summary>
/// <remarks>
/// Personal tokens: a token acts as its user, so a token of someone who has not enrolled is refused too,
/// until they enrol (the token is kept, not revoked). Tokens made before the school turned the setting on
/// therefore cannot get round it. Trust API keys carry no two-factor claim (they are not a person) and are
/// not affected.
/// </remarks>
public sealed class TwoFactorGate(TenantContext tenant) : IAuthorizationHandler
{
    public const string EnrolmentPath = "/account/two-factor";

    /// <summary>Whether a person who has (not) enrolled must enrol before anything else.</summary>
    public static bool IsRequired(TenantContext tenant, bool enrolled)
        => !enrolled && tenant.HasTenant && tenant.Shell.Section<UsersSettings>().RequireTwoFactorForStaff && tenant.Shell.IsEnabled(Manifest.TwoFactorFeature);

    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (context.User.FindFirst(SchoolUserClaimsFactory.TwoFactorClaim)?.Value == "off"
            && IsRequired(tenant, enrolled: false)
            && !(context.Resource is HttpContext http && http.GetEndpoint()?.Metadata.GetMetadata<AllowBeforeTwoFactorAttribute>() is not null))
        {
            context.Fail(new AuthorizationFailureReason(this, "Your school requires two-factor sign-in, and it is not set up yet."));
        }
        return Task.CompletedTask;
    }
}
