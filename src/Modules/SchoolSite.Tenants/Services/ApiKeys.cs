using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Security;
using SchoolSite.Tenants.Models;

namespace SchoolSite.Tenants.Services;

/// <summary>Creates, finds and revokes trust API keys.</summary>
public sealed class ApiKeys(TrustDbContext db, TimeProvider time)
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
        await db.SaveChangesAsync(cancellationToken);
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

    public async Task<bool> RevokeAsync(int id)
        => await db.ApiKeys.Where(k => k.Id == id).ExecuteUpdateAsync(s => s.SetProperty(k => k.Revoked, true)) > 0;
}
