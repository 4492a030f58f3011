using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Tenants.Models;

namespace SchoolSite.Tenants.Services;

/// <summary>Creates, finds and revokes trust API keys; creating and revoking go in the trust's audit trail.</summary>
public sealed class ApiKeys(TrustDbContext db, TimeProvider time, SchoolEvents events)
{
    public const string KeyPrefix = "ssk_";

    public async Task<(string Key, ApiKey Record)> CreateAsync(string name, string? createdBy, CancellationToken cancellationToken = default)
    {
        var key = SecretTokens.New(KeyPrefix);
        var record = new ApiKey
        {
            Name = name.Trim(),
            KeyHash = SecretTokens.Hash(key),
            Preview = SecretTokens.Preview(key),
            CreatedUtc = time.GetUtcNow().UtcDateTime,
            CreatedBy = createdBy,
        };
        db.ApiKeys.Add(record);
        // The key's id is known only once it is saved: the entry names the key by its name and first characters.
        await events.CommitAsync(db, async () =>
        {
            await db.SaveChangesAsync(cancellationToken);
            return (IReadOnlyList<ApiKeyChanged>)[new ApiKeyChanged(record.Id, record.Name, record.Preview, createdBy ?? Actor.System.Name, "created")];
        }, cancellationToken);
        return (key, record);
    }

    /// <summary>The key's record when it is valid (exists, not revoked); null otherwise.</summary>
    public async Task<ApiKey?> FindValidAsync(string key, CancellationToken cancellationToken = default)
    {
        if (!SecretTokens.LooksLike(key, KeyPrefix))
        {
            return null;
        }
        var hash = SecretTokens.Hash(key);
        return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash && !k.Revoked, cancellationToken);
    }

    public Task<List<ApiKey>> ListAsync() => db.ApiKeys.AsNoTracking().OrderBy(k => k.Name).ToListAsync();

    /// <summary>Revokes a key; false when there is no such key. Revoking a revoked key changes (and records) nothing.</summary>
    public async Task<bool> RevokeAsync(int id, string actor, CancellationToken cancellationToken = default)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
        {
            return false;
        }
        if (!key.Revoked)
        {
            key.Revoked = true;
            await events.CommitAsync(db, new ApiKeyChanged(key.Id, key.Name, key.Preview, actor, "revoked"), cancellationToken);
        }
        return true;
    }
}
