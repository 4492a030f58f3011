using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SchoolSite.AuditTrail.Models;
using SchoolSite.Core.Data;

namespace SchoolSite.AuditTrail.Services;

/// <summary>
/// Each school's secret key for its audit chain: 32 random bytes, made on the school's first keyed entry and
/// kept in the trust's database, so someone with only the school's database cannot recompute a link.
/// At rest the key is protected with ASP.NET Core Data Protection under a key ring of its own in App_Data.
/// </summary>
public sealed class AuditKeys
{
    private const int KeyBytes = 32;

    private readonly IDbContextFactory<AuditTrustDbContext> _trust;
    private readonly TimeProvider _time;
    private readonly Lazy<IDataProtector> _protector;
    private readonly ConcurrentDictionary<string, byte[]> _keys = new();

    public AuditKeys(IDbContextFactory<AuditTrustDbContext> trust, AppDataFolder appData, TimeProvider time, SchoolSite.Core.Cluster.INodeLink link)
    {
        _trust = trust;
        _time = time;
        KeyRing = Path.Combine(appData.Path, "AuditTrail", "DataProtection-Keys");
        // Not the container's IDataProtectionProvider: the CLI's container does not configure one as the web host
        // does, so it would protect with a different key ring and neither process could read the other's keys.
        // Opened here from App_Data, the same ring serves both. It is the audit trail's own, so clearing the
        // web host's ring (signing everyone out) cannot cost a school its evidence.
        // On several nodes the ring is in Redis, so that every node (and the command line) reads the keys any of them made.
        _protector = new(() => DataProtectionProvider.Create(new DirectoryInfo(KeyRing), ring =>
            {
                ring.SetApplicationName("SchoolSite.AuditTrail");
                if (link is SchoolSite.Core.Cluster.Redis.RedisLink redis)
                {
                    ring.PersistKeysToStackExchangeRedis(() => redis.Multiplexer.GetDatabase(), "schoolsite:keyring:audit");
                }
            })
            .CreateProtector("SchoolSite.AuditTrail.SchoolKey"));
    }

    /// <summary>The folder of the Data Protection key ring that protects the schools' keys: back it up with the trust's database.</summary>
    public string KeyRing { get; }

    /// <summary>The school's key, made now if it has none.</summary>
    public async Task<byte[]> GetOrCreateAsync(string tenant, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(tenant, cancellationToken) is { } key)
        {
            return key;
        }
        await using (var db = await _trust.CreateDbContextAsync(cancellationToken))
        {
            var made = Protector(tenant).Protect(RandomNumberGenerator.GetBytes(KeyBytes));
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            // Two processes may make a school's first key at once: the first one stored is the school's, for both.
            await db.Database.ExecuteSqlAsync(
                $"insert into audit_keys (tenant, protected_key, created_utc) values ({tenant}, {Convert.ToBase64String(made)}, {now}) on conflict (tenant) do nothing",
                cancellationToken);
        }
        return await FindAsync(tenant, cancellationToken) ?? throw new InvalidOperationException($"The audit key of {tenant} was stored but cannot be found.");
    }

    /// <summary>The school's key, or null when none was made (no keyed entry was ever written).</summary>
    public async Task<byte[]?> FindAsync(string tenant, CancellationToken cancellationToken = default)
    {
        if (_keys.TryGetValue(tenant, out var cached))
        {
            return cached;
        }
        await using var db = await _trust.CreateDbContextAsync(cancellationToken);
        var stored = await db.Keys.AsNoTracking().Where(k => k.Tenant == tenant).Select(k => k.ProtectedKey).FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return null;
        }
        try
        {
            return _keys.GetOrAdd(tenant, Protector(tenant).Unprotect(Convert.FromBase64String(stored)));
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException(
                $"The audit key of {tenant} cannot be read: the key ring that protects it ({KeyRing}) is missing or is not the one it was made with. Restore that folder from the installation's backup.", ex);
        }
    }

    // Bound to the school: a protected key copied to another school's row does not unprotect there.
    private IDataProtector Protector(string tenant) => _protector.Value.CreateProtector(tenant);
}
