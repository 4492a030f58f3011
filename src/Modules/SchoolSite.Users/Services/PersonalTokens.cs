using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>What checking a token found: the user it acts for, or why it is refused.</summary>
public sealed record TokenCheck(string? UserId, string? Problem);

/// <summary>
/// Creates, lists, revokes and checks personal API tokens: the same user, roles and permissions as their
/// session, for as many days as the school's setting said when the token was made.
/// </summary>
public sealed class PersonalTokens(UsersDbContext db, TimeProvider time, TenantContext tenant, SchoolEvents events)
{
    public const string Prefix = "sst_";

    /// <summary>"Last used" is noted at most once a minute, so that a busy program does not turn every API call into a write.</summary>
    private static readonly TimeSpan LastUsedGrain = TimeSpan.FromMinutes(1);

    public async Task<(string Token, PersonalToken Record)> CreateAsync(string userId, string name, string actor)
    {
        var token = SecretTokens.New(Prefix);
        var now = time.GetUtcNow().UtcDateTime;
        var record = new PersonalToken
        {
            UserId = userId,
            Name = name.Trim(),
            TokenHash = SecretTokens.Hash(token),
            Preview = SecretTokens.Preview(token),
            CreatedUtc = now,
            ExpiresUtc = now.AddDays(tenant.Shell.Section<UsersSettings>().PersonalTokenDays),
        };
        db.PersonalTokens.Add(record);
        await events.CommitAsync(db, new PersonalTokenChanged(userId, actor, "token-created", Describe(record)));
        return (token, record);
    }

    public Task<List<PersonalToken>> OfAsync(string userId)
        => db.PersonalTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Name).ThenBy(t => t.Id).ToListAsync();

    /// <summary>Revokes one of the user's own tokens; false when they have no such token still in use.</summary>
    public async Task<bool> RevokeAsync(string userId, int id, string actor)
    {
        var record = await db.PersonalTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId && !t.Revoked);
        if (record is null)
        {
            return false;
        }
        record.Revoked = true;
        await events.CommitAsync(db, new PersonalTokenChanged(userId, actor, "token-revoked", Describe(record)));
        return true;
    }

    /// <summary>The user a token acts for when it exists, is not revoked and has not expired; notes that it was used.</summary>
    public async Task<TokenCheck> CheckAsync(string token)
    {
        const string unknown = "This API token is not valid, or it has been revoked.";
        if (!SecretTokens.LooksLike(token, Prefix))
        {
            return new(null, unknown);
        }
        var hash = SecretTokens.Hash(token);
        var found = await db.PersonalTokens.AsNoTracking().Where(t => t.TokenHash == hash && !t.Revoked)
            .Select(t => new { t.Id, t.UserId, t.ExpiresUtc, t.LastUsedUtc }).FirstOrDefaultAsync();
        var now = time.GetUtcNow().UtcDateTime;
        if (found is null)
        {
            return new(null, unknown);
        }
        if (found.ExpiresUtc <= now)
        {
            return new(null, $"This API token expired on {Local(found.ExpiresUtc):d MMM yyyy}.");
        }
        if (found.LastUsedUtc is not { } last || now - last >= LastUsedGrain)
        {
            await db.PersonalTokens.Where(t => t.Id == found.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedUtc, (DateTime?)now));
        }
        return new(found.UserId, null);
    }

    /// <summary>An instant as the school's clocks show it.</summary>
    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), tenant.Shell.Settings.Zone());

    private string Describe(PersonalToken record) => $"{record.Name} ({record.Preview}…), works until {Local(record.ExpiresUtc):d MMM yyyy}";
}
