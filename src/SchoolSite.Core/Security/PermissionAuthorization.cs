using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace SchoolSite.Core.Security;

/// <summary>"Permission:Name" in an [Authorize] policy or RequireAuthorization call.</summary>
public sealed class PermissionRequirement(string permission) : IAuthorizationRequirement
{
    public const string PolicyPrefix = "Permission:";

    public string Permission { get; } = permission;

    public static string Policy(string permission) => PolicyPrefix + permission;
}

/// <summary>The permissions the current tenant grants to a set of roles (kept in memory per tenant).</summary>
public interface IRolePermissions
{
    ValueTask<bool> GrantsAsync(IEnumerable<string> roles, string permission);
}

public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : IAuthorizationPolicyProvider
{
    private readonly DefaultAuthorizationPolicyProvider _fallback = new(options);

    public Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (policyName.StartsWith(PermissionRequirement.PolicyPrefix, StringComparison.Ordinal))
        {
            var policy = new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .AddRequirements(new PermissionRequirement(policyName[PermissionRequirement.PolicyPrefix.Length..]))
                .Build();
            return Task.FromResult<AuthorizationPolicy?>(policy);
        }
        return _fallback.GetPolicyAsync(policyName);
    }

    public Task<AuthorizationPolicy> GetDefaultPolicyAsync() => _fallback.GetDefaultPolicyAsync();

    public Task<AuthorizationPolicy?> GetFallbackPolicyAsync() => _fallback.GetFallbackPolicyAsync();
}

public sealed class PermissionHandler(IRolePermissions rolePermissions) : AuthorizationHandler<PermissionRequirement>
{
    /// <summary>A permission held directly by the principal (an API key), not through a role.</summary>
    public const string PermissionClaim = "schoolsite:permission";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return;
        }
        if (context.User.HasClaim(PermissionClaim, requirement.Permission))
        {
            context.Succeed(requirement);
            return;
        }
        var roles = context.User.FindAll(ClaimTypes.Role).Select(c => c.Value);
        if (await rolePermissions.GrantsAsync(roles, requirement.Permission))
        {
            context.Succeed(requirement);
        }
    }
}
