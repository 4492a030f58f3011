using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SchoolSite.Media.Services;

/// <summary>The media store answers: a node that cannot read pictures should not be sent requests.</summary>
public sealed class MediaStoreHealth(IMediaFileStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // Listing a name no school can have asks the store without touching anyone's files.
            await store.ListAsync("health-check", cancellationToken);
            return HealthCheckResult.Healthy(store is BlobMediaStore ? "Blob storage answers." : "The media folder can be read.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(store is BlobMediaStore ? "Blob storage does not answer." : "The media folder cannot be read.");
        }
    }
}
