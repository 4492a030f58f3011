using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>Creates and checks personal API tokens: the same user, roles and permissions as their session.</summary>
public sealed class PersonalTokens(UsersDbContext db, TimeProvider time)
{
    public const string Prefix = "sst_";

    public async Task<string> CreateAsync(string userId, string name)
    {
        var token = SecretTokens.New(Prefix);
        db.PersonalTokens.Add(new PersonalToken
        {
            UserId = userId,
            Name = name.Trim(),
            TokenHash = SecretTokens.Hash(token),
            Preview = SecretTokens.Preview(token),
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        return token;
    }

    public Task<List<PersonalToken>> OfAsync(string userId)
        => db.PersonalTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Name).ToListAsync();

    public async Task RevokeAsync(string userId, int id)
        => await db.PersonalTokens.Where(t => t.Id == id && t.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(t => t.Revoked, true));

    public async Task<string?> UserIdOfAsync(string token)
    {
        if (!SecretTokens.LooksLike(token, Prefix))
        {
            return null;
        }
        var hash = SecretTokens.Hash(token);
        return await db.PersonalTokens.AsNoTracking().Where(t => t.TokenHash == hash && !t.Revoked).Select(t => t.UserId).FirstOrDefaultAsync();
    }
}

/// <summary>"Authorization: Bearer sst_…" on a school's API: acts as the token's user, if still enabled.</summary>
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
        var userId = await tokens.UserIdOfAsync(header["Bearer ".Length..].Trim());
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null || user.IsDisabled)
        {
            return AuthenticateResult.Fail("The token is not valid, has been revoked, or its user is disabled.");
        }
        var principal = await principals.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
