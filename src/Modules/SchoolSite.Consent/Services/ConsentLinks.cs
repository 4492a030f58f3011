using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Consent.Services;

/// <summary>
/// Secure links that let a carer give or withdraw consent for one person without an account. The token
/// is random (256 bits), shown once, stored only as a hash; a link works until it expires or is revoked.
/// </summary>
public sealed class ConsentLinks(ConsentDbContext db, TimeProvider time, SchoolEvents events, LinkGuard guard, TenantContext tenant)
{
    public const string Prefix = "scl_";
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(14);
    public static readonly TimeSpan LongestLifetime = TimeSpan.FromDays(60);

    public Task<(ConsentLink Link, string Token)> IssueAsync(Person person, string carerName, TimeSpan lifetime, string actor)
        => IssueAsync(person.Id, carerName, time.GetUtcNow().UtcDateTime + lifetime, actor);

    /// <summary>A link for <paramref name="carerName"/>, until <paramref name="expiresUtc"/>; for one of the person's contacts in a consent round when given.</summary>
    public async Task<(ConsentLink Link, string Token)> IssueAsync(string personId, string carerName, DateTime expiresUtc, string actor,
        long? carerId = null, string? roundId = null)
    {
        var token = SecretTokens.New(Prefix);
        var now = time.GetUtcNow().UtcDateTime;
        var link = new ConsentLink
        {
            Id = IdGenerator.New(),
            TokenHash = SecretTokens.Hash(token),
            PersonId = personId,
            CarerName = carerName.Trim(),
            CreatedBy = actor,
            CreatedUtc = now,
            ExpiresUtc = expiresUtc,
            CarerId = carerId,
            RoundId = roundId,
        };
        db.Links.Add(link);
        await events.CommitAsync(db, new ConsentLinkChanged(personId, actor, "link-issued", $"Link for {link.CarerName}, until {link.ExpiresUtc:u}"));
        return (link, token);
    }

    public async Task<bool> RevokeAsync(string personId, string linkId, string actor)
    {
        var link = await db.Links.FirstOrDefaultAsync(l => l.Id == linkId && l.PersonId == personId);
        if (link is null)
        {
            return false;
        }
        if (link.RevokedUtc is null)
        {
            link.RevokedUtc = time.GetUtcNow().UtcDateTime;
            await events.CommitAsync(db, new ConsentLinkChanged(personId, actor, "link-revoked", $"Link for {link.CarerName}"));
        }
        return true;
    }

    public Task<List<ConsentLink>> ForAsync(string personId)
        => db.Links.AsNoTracking().Where(l => l.PersonId == personId).OrderByDescending(l => l.CreatedUtc).ToListAsync();

    public enum Outcome { Found, Unknown, Expired, Revoked, TooManyAttempts }

    /// <summary>
    /// The link for a token, or why not. Wrong tokens count against the caller twice: against what they tried (the
    /// token's lookup prefix), so the start of someone's link cannot be tried with ten different endings, and against
    /// the caller, who is told to stop after ten. A valid link still opens for another carer at the same address: a
    /// token is 256 random bits, so that lock is a signal, and the per-link count is what stops a guesser who knows
    /// where a link starts.
    /// </summary>
    public async Task<(Outcome Outcome, ConsentLink? Link, Person? Person)> OpenAsync(string? token, string caller)
    {
        var school = tenant.Tenant.Name;
        var lookup = LinkGuard.LookupPrefixOf(token, Prefix);
        if (await guard.IsLockedAsync(school, lookup, caller))
        {
            return (Outcome.TooManyAttempts, null, null);
        }
        var link = token is not null && SecretTokens.LooksLike(token, Prefix)
            ? await db.Links.FirstOrDefaultAsync(l => l.TokenHash == SecretTokens.Hash(token))
            : null;
        if (link is null)
        {
            return (await guard.FailedAsync(school, lookup, caller) ? Outcome.TooManyAttempts : Outcome.Unknown, null, null);
        }
        if (link.RevokedUtc is not null)
        {
            return (Outcome.Revoked, link, null);
        }
        if (link.ExpiresUtc <= time.GetUtcNow().UtcDateTime)
        {
            return (Outcome.Expired, link, null);
        }
        var person = await db.People.FirstAsync(p => p.Id == link.PersonId);
        return (Outcome.Found, link, person);
    }

    public async Task UsedAsync(ConsentLink link)
    {
        link.LastUsedUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
    }
}
