using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SchoolSite.Core.Tenancy;

/// <summary>
/// Every minute, on the application's clock, forgets the schools nobody has visited for the idle time
/// (<c>SchoolSite:Shells:IdleTimeout</c>, 20 minutes unless set; zero keeps every school loaded). Their next visitor
/// loads them again in a few milliseconds; background work enters them only when something is due.
/// </summary>
public sealed class IdleShells(TenantShells shells, TimeProvider time, IConfiguration configuration, ILogger<IdleShells> logger) : BackgroundService
{
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromMinutes(20);

    public TimeSpan IdleTimeout => configuration.GetValue("SchoolSite:Shells:IdleTimeout", DefaultIdleTimeout);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Sweep();
        }
    }

    /// <summary>Unloads the schools idle for longer than the idle time (the timer's way in, and the tests').</summary>
    public IReadOnlyList<string> Sweep()
    {
        if (IdleTimeout <= TimeSpan.Zero)
        {
            return [];
        }
        var unloaded = shells.UnloadIdle(time.GetUtcNow() - IdleTimeout);
        if (unloaded.Count > 0)
        {
            logger.LogDebug("Unloaded {Count} idle schools", unloaded.Count);
        }
        return unloaded;
    }
}
