namespace SchoolSite.Core.Provisioning;

/// <summary>
/// A module's part in setting up a tenant, in the new tenant's scope: before the recipe runs (e.g. the
/// role stereotypes) and after it (e.g. the administrator account).
/// </summary>
public interface ITenantSetupParticipant
{
    Task BeforeRecipeAsync(TenantSetupContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    Task AfterRecipeAsync(TenantSetupContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Problems with the request this module can see before anything is created (e.g. a weak password).</summary>
    Task<IReadOnlyDictionary<string, string[]>> CheckAsync(TenantRequest request) => Task.FromResult<IReadOnlyDictionary<string, string[]>>(new Dictionary<string, string[]>());
}

public sealed record TenantSetupContext(IServiceProvider Services, string AdminEmail, string AdminPassword, bool IsHost);
