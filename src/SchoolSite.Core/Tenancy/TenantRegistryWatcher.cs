using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SchoolSite.Core.Tenancy;

/// <summary>
/// Notices registry changes made by another process (the CLI, another web node) within seconds:
/// one cheap query of the version row every two seconds, never one per request.
/// </summary>
public sealed class TenantRegistryWatcher(TenantRegistry registry, TimeProvider time, ILogger<TenantRegistryWatcher> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await registry.RefreshIfChangedAsync(stoppingToken))
                {
                    logger.LogInformation("Tenant registry reloaded (version {Version}).", registry.Version);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not read the tenant registry; will try again.");
            }
        }
    }
}
