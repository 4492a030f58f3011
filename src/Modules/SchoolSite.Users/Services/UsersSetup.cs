using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Provisioning;
using SchoolSite.Core.Security;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>
/// A new tenant's roles (the stereotypes, with their default permissions) before its recipe runs, and
/// its administrator account after.
/// </summary>
public sealed class UsersSetup(PermissionCatalog catalog, TimeProvider time) : ITenantSetupParticipant
{
    public Task<IReadOnlyDictionary<string, string[]>> CheckAsync(TenantRequest request)
    {
        var problems = string.IsNullOrEmpty(request.AdminPassword) ? [] : CommonPasswordValidator.Problems(request.AdminPassword).ToArray();
        IReadOnlyDictionary<string, string[]> result = problems.Length == 0
            ? new Dictionary<string, string[]>()
            : new Dictionary<string, string[]> { ["adminPassword"] = problems };
        return Task.FromResult(result);
    }

    public async Task BeforeRecipeAsync(TenantSetupContext context, CancellationToken cancellationToken)
    {
        var editor = context.Services.GetRequiredService<RoleEditor>();
        foreach (var role in context.IsHost ? Roles.HostStereotypes : Roles.SchoolStereotypes)
        {
            var permissions = catalog.Stereotypes.GetValueOrDefault(role) ?? [];
            var errors = await editor.SetAsync(role, null, permissions);
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"Role {role}: {string.Join(" ", errors)}");
            }
        }
    }

    public async Task AfterRecipeAsync(TenantSetupContext context, CancellationToken cancellationToken)
    {
        var users = context.Services.GetRequiredService<UserManager<SchoolUser>>();
        var admin = new SchoolUser
        {
            UserName = context.AdminEmail,
            Email = context.AdminEmail,
            EmailConfirmed = true,
            DisplayName = context.IsHost ? "Trust administrator" : "School administrator",
            CreatedUtc = time.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(admin, context.AdminPassword);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("The administrator account could not be created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        await context.Services.GetRequiredService<UserRoles>().SetBySystemAsync(admin, [context.IsHost ? Roles.TrustAdministrator : Roles.Administrator], "set-up");
    }
}
