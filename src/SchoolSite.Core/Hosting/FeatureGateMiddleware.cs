using Microsoft.AspNetCore.Http;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Hosting;

/// <summary>
/// After routing: an endpoint of a feature the tenant has not enabled, or of the wrong kind of tenant
/// (trust-only or school-only), answers 404 as if it did not exist. In-memory checks only.
/// </summary>
public sealed class FeatureGateMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, TenantContext tenant)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is not null && tenant.HasTenant)
        {
            var metadata = endpoint.Metadata;
            var feature = metadata.GetMetadata<FeatureAttribute>();
            var hidden = (feature is not null && !tenant.Shell.IsEnabled(feature.FeatureId))
                || (metadata.GetMetadata<HostOnlyAttribute>() is not null && !tenant.IsHost)
                || (metadata.GetMetadata<SchoolOnlyAttribute>() is not null && tenant.IsHost);
            if (hidden)
            {
                return PlainPage.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", "There is no page at this address.");
            }
        }
        return next(context);
    }
}
