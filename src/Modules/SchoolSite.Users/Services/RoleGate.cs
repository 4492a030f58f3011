using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>
/// Who may give which roles and permissions, asked by every page that changes them, so nobody can give
/// themselves (or a friend) more than they hold: a person gives or takes away only a role whose permissions
/// they hold themselves; only an Administrator gives or takes away Administrator (on the trust's dashboard,
/// only a TrustAdministrator that role); nobody changes their own roles; and on the roles page a person adds
/// or removes only permissions they hold. The system (a new school's set-up, recipes) is not a person and
/// is not asked.
/// </summary>
public sealed class RoleGate(RoleManager<SchoolRole> roles, IRolePermissions grants, PermissionCatalog catalog, TenantContext tenant)
{
    /// <summary>Why <paramref name="by"/> may not change the roles of the user <paramref name="userId"/> (null: a new user) from <paramref name="current"/> to <paramref name="wanted"/>; empty when they may.</summary>
    public async Task<IReadOnlyList<string>> RoleChangeRefusalsAsync(ClaimsPrincipal by, string? userId, IEnumerable<string> current, IEnumerable<string> wanted)
    {
        var before = current.ToHashSet(StringComparer.Ordinal);
        var after = wanted.ToHashSet(StringComparer.Ordinal);
        var changed = before.Except(after).Union(after.Except(before)).Order(StringComparer.Ordinal).ToList();
        if (changed.Count == 0)
        {
            return [];
        }
        if (userId is not null && userId == by.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            return [$"You cannot change your own roles. {AskWhom} to change them for you."];
        }
        var held = HeldRoles(by);
        var refusals = new List<string>();
        foreach (var name in changed)
        {
            if (Roles.HoldsEveryPermission(name))
            {
                if (!held.Contains(name))
                {
                    refusals.Add($"Only {Holder} can give or take away the {name} role. {AskWhom}.");
                }
                continue;
            }
            var role = await roles.FindByNameAsync(name);
            var missing = role is null ? [] : await MissingAsync(held, await PermissionsOfAsync(role));
            if (missing.Count > 0)
            {
                refusals.Add($"You cannot give or take away the {name} role: it allows things you are not allowed to do yourself ({Describe(missing)}). {AskWhom}.");
            }
        }
        return refusals;
    }

    /// <summary>Why <paramref name="by"/> may not change a role's permissions from <paramref name="current"/> to <paramref name="wanted"/>; empty when they may.</summary>
    public async Task<IReadOnlyList<string>> PermissionChangeRefusalsAsync(ClaimsPrincipal by, IEnumerable<string> current, IEnumerable<string> wanted)
    {
        var before = current.ToHashSet(StringComparer.Ordinal);
        var after = wanted.ToHashSet(StringComparer.Ordinal);
        var missing = await MissingAsync(HeldRoles(by), before.Except(after).Union(after.Except(before)));
        return missing.Count == 0
            ? []
            : [$"You can add or take away only permissions you hold yourself, and you do not hold these: {Describe(missing)}. {AskWhom}."];
    }

    private string Holder => tenant.IsHost ? "a TrustAdministrator" : "an Administrator";

    public string AskWhom => tenant.IsHost ? "Ask a trust administrator" : "Ask an Administrator";

    private static HashSet<string> HeldRoles(ClaimsPrincipal by) => by.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    private async Task<IReadOnlyList<string>> PermissionsOfAsync(SchoolRole role)
        => (await roles.GetClaimsAsync(role)).Where(c => c.Type == RolePermissionGrants.ClaimType).Select(c => c.Value).ToList();

    private async Task<List<string>> MissingAsync(IReadOnlySet<string> heldRoles, IEnumerable<string> permissions)
    {
        var missing = new List<string>();
        foreach (var permission in permissions.Order(StringComparer.Ordinal))
        {
            if (!await grants.GrantsAsync(heldRoles, permission) && !(Plain(permission) is { } plain && await grants.GrantsAsync(heldRoles, plain)))
            {
                missing.Add(permission);
            }
        }
        return missing;
    }

    /// <summary>Orchard's rule: "EditOwnContent" covers what the plain "EditContent" covers for one's own items, so holding the plain one is enough.</summary>
    private string? Plain(string permission)
    {
        var own = permission.IndexOf("Own", StringComparison.Ordinal);
        var plain = own > 0 ? permission.Remove(own, 3) : null;
        return plain is not null && catalog.Exists(plain) ? plain : null;
    }

    private string Describe(IEnumerable<string> permissions)
        => string.Join("; ", permissions.Select(p => catalog.All.FirstOrDefault(c => c.Name == p)?.Description ?? p));
}
