using System.Collections.Concurrent;
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

    public async Task<(ConsentLink Link, string Token)> IssueAsync(Person person, string carerName, TimeSpan lifetime, string actor)
    {
        var token = SecretTokens.New(Prefix);
        var now = time.GetUtcNow().UtcDateTime;
        var link = new ConsentLink
        {
            Id = IdGenerator.New(),
            TokenHash = SecretTokens.Hash(token),
            PersonId = person.Id,
            CarerName = carerName.Trim(),
            CreatedBy = actor,
            CreatedUtc = now,
            ExpiresUtc = now + lifetime,
        };
        db.Links.Add(link);
        await db.SaveChangesAsync();
        await events.RaiseAsync(new ConsentLinkChanged(person.Id, actor, "link-issued", $"Link for {link.CarerName}, until {link.ExpiresUtc:u}"));
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
            await db.SaveChangesAsync();
            await events.RaiseAsync(new ConsentLinkChanged(personId, actor, "link-revoked", $"Link for {link.CarerName}"));
        }
        return true;
    }

    public Task<List<ConsentLink>> ForAsync(string personId)
        => db.Links.AsNoTracking().Where(l => l.PersonId == personId).OrderByDescending(l => l.CreatedUtc).ToListAsync();

    public enum Outcome { Found, Unknown, Expired, Revoked, TooManyAttempts }

    /// <summary>
    /// The link for a token, or why not. Unknown tokens count against the caller: after too many in a
    /// short time every lookup from them is refused for a while, so tokens cannot be guessed.
    /// </summary>
    public async Task<(Outcome Outcome, ConsentLink? Link, Person? Person)> OpenAsync(string? token, string caller)
    {
        var key = $"{tenant.Tenant.Name}|{caller}";
        if (guard.IsBlocked(key))
        {
            return (Outcome.TooManyAttempts, null, null);
        }
        var link = token is not null && SecretTokens.LooksLike(token, Prefix)
            ? await db.Links.FirstOrDefaultAsync(l => l.TokenHash == SecretTokens.Hash(token))
            : null;
        if (link is null)
        {
            guard.Failed(key);
            return (Outcome.Unknown, null, null);
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

/// <summary>Counts failed link lookups per school and caller in a sliding window, on the application's clock.</summary>
public sealed class LinkGuard(TimeProvider time)
{
    public const int MaxFailures = 10;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new();

    public bool IsBlocked(string key)
    {
        if (!_failures.TryGetValue(key, out var failures))
        {
            return false;
        }
        lock (failures)
        {
            Trim(failures);
            return failures.Count >= MaxFailures;
        }
    }

    public void Failed(string key)
    {
        var failures = _failures.GetOrAdd(key, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Trim(failures);
            failures.Enqueue(time.GetUtcNow());
        }
    }

    private void Trim(Queue<DateTimeOffset> failures)
    {
        var since = time.GetUtcNow() - Window;
        while (failures.Count > 0 && failures.Peek() < since)
        {
            failures.Dequeue();
        }
    }
}
