using Microsoft.Extensions.DependencyInjection;

namespace SchoolSite.Core.Tenancy;

/// <summary>A service scope entered into one school, for work that runs outside a request (jobs, the CLI, background imports).</summary>
public sealed class TenantScopes(IServiceScopeFactory scopes, TenantShells shells)
{
    public async Task<AsyncServiceScope> EnterAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(tenant, await shells.GetAsync(tenant, cancellationToken));
        return scope;
    }
}
