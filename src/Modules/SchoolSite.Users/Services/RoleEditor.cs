using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>Creates roles and sets exactly which permissions they hold (admin page and recipe step alike).</summary>
public sealed class RoleEditor(RoleManager<SchoolRole> roles, PermissionCatalog catalog, RoleGate gate, SchoolEvents events, UsersDbContext db)
{
    /// <summary>A person on the roles page sets a role's permissions: only those they hold themselves can be added or taken away.</summary>
    public async Task<IReadOnlyList<string>> ChangeAsync(ClaimsPrincipal by, SchoolRole role, IReadOnlyCollection<string> permissions)
    {
        var refusals = await gate.PermissionChangeRefusalsAsync(by, await PermissionsOfAsync(role), permissions);
        return refusals.Count > 0 ? refusals : await SetAsync(role.Name!, null, permissions, Actor.Of(by).Name);
    }

    /// <summary>Creates the role if needed and gives it exactly these permissions (set-up, recipes, and the roles page after its check).</summary>
    public async Task<IReadOnlyList<string>> SetAsync(string roleName, string? description, IEnumerable<string> permissions, string actor = "recipe")
    {
        var wanted = permissions.Distinct(StringComparer.Ordinal).ToList();
        var unknown = wanted.Where(p => !catalog.Exists(p)).ToList();
        if (unknown.Count > 0)
        {
            return unknown.Select(p => $"There is no permission '{p}'.").ToList();
        }
        IReadOnlyList<string> errors = [];
        // The role, its claims and the audit entry in one transaction: Identity's manager saves after each step.
        await events.CommitAsync(db, async () =>
        {
            var role = await roles.FindByNameAsync(roleName);
            if (role is null)
            {
                role = new SchoolRole(roleName) { Description = description };
                var created = await roles.CreateAsync(role);
                if (!created.Succeeded)
                {
                    errors = created.Errors.Select(e => e.Description).ToList();
                    return (IReadOnlyList<RolePermissionsChanged>)[];
                }
            }
            else if (description is not null && role.Description != description)
            {
                role.Description = description;
                await roles.UpdateAsync(role);
            }
            var claims = await roles.GetClaimsAsync(role);
            var current = claims.Where(c => c.Type == RolePermissionGrants.ClaimType).ToList();
            foreach (var claim in current.Where(c => !wanted.Contains(c.Value)))
            {
                await roles.RemoveClaimAsync(role, claim);
            }
            foreach (var permission in wanted.Where(p => current.All(c => c.Value != p)))
            {
                await roles.AddClaimAsync(role, new Claim(RolePermissionGrants.ClaimType, permission));
            }
            return (IReadOnlyList<RolePermissionsChanged>)[new RolePermissionsChanged(roleName, actor,
                string.Join(", ", current.Select(c => c.Value).Order(StringComparer.Ordinal)), string.Join(", ", wanted.Order(StringComparer.Ordinal)))];
        });
        return errors;
    }

    /// <summary>Roles a person can be given (Anonymous and Authenticated apply by themselves).</summary>
    public async Task<IReadOnlyList<string>> AssignableAsync()
        => await roles.Roles.Select(r => r.Name!)
            .Where(n => n != Roles.Anonymous && n != Roles.Authenticated)
            .OrderBy(n => n).ToListAsync();

    public async Task<IReadOnlyList<string>> PermissionsOfAsync(SchoolRole role)
        => (await roles.GetClaimsAsync(role)).Where(c => c.Type == RolePermissionGrants.ClaimType).Select(c => c.Value).ToList();
}
