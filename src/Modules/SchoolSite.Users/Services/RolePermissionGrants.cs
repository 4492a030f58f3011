using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>
/// Which permissions each role of the current tenant holds, read once per tenant into its shell and
/// dropped when a role changes: a permission check is a dictionary look-up.
/// </summary>
public sealed class RolePermissionGrants(TenantContext tenant, UsersDbContext db) : IRolePermissions, ISchoolEventHandler<RolePermissionsChanged>
{
    public const string ClaimType = "Permission";

    public async ValueTask<bool> GrantsAsync(IEnumerable<string> roles, string permission)
    {
        var map = (await tenant.Shell.GetOrLoadAsync(() => LoadAsync(db))).ByRole;
        foreach (var role in roles.Append(Roles.Authenticated))
        {
            if (Roles.HoldsEveryPermission(role) && (role == Roles.TrustAdministrator) == tenant.IsHost)
            {
                return true;
            }
            if (map.TryGetValue(role, out var granted) && granted.Contains(permission))
            {
                return true;
            }
        }
        return false;
    }

    public Task HandleAsync(IReadOnlyList<RolePermissionsChanged> changes, CancellationToken cancellationToken)
    {
        tenant.Shell.Evict<Grants>();
        return Task.CompletedTask;
    }

    private static async Task<Grants> LoadAsync(UsersDbContext db)
    {
        var rows = await (from claim in db.RoleClaims.AsNoTracking()
                          join role in db.Roles.AsNoTracking() on claim.RoleId equals role.Id
                          where claim.ClaimType == ClaimType
                          select new { role.Name, claim.ClaimValue }).ToListAsync();
        return new Grants(rows.GroupBy(r => r.Name!, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.Select(r => r.ClaimValue!).ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal));
    }

    private sealed record Grants(FrozenDictionary<string, FrozenSet<string>> ByRole);
}
