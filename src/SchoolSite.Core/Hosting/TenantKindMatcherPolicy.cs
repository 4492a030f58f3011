using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Hosting;

/// <summary>
/// Lets the trust dashboard and the schools map the same route ("/") to different endpoints: an endpoint
/// marked [HostOnly] or [SchoolOnly] is not a candidate for the other kind of tenant.
/// </summary>
public sealed class TenantKindMatcherPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints)
        => endpoints.Any(e => e.Metadata.GetMetadata<HostOnlyAttribute>() is not null || e.Metadata.GetMetadata<SchoolOnlyAttribute>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var tenant = httpContext.RequestServices.GetRequiredService<TenantContext>();
        if (!tenant.HasTenant)
        {
            return Task.CompletedTask;
        }
        for (var i = 0; i < candidates.Count; i++)
        {
            var metadata = candidates[i].Endpoint.Metadata;
            if ((metadata.GetMetadata<HostOnlyAttribute>() is not null && !tenant.IsHost)
                || (metadata.GetMetadata<SchoolOnlyAttribute>() is not null && tenant.IsHost))
            {
                candidates.SetValidity(i, false);
            }
        }
        return Task.CompletedTask;
    }
}
