using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SchoolSite.Core.Cluster;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Jobs;

/// <summary>
/// Work a module does for each running school on a timer (scheduled publishing, reminders, mail retries).
/// It runs inside the school's own scope, so it sees only that school's data and settings.
/// </summary>
public interface ISchoolJob
{
    /// <summary>How often it runs; the runner wakes once a minute.</summary>
    TimeSpan Interval { get; }

    /// <summary>The feature a school must have enabled for the job to run there, if any.</summary>
    string? Feature => null;

    Task RunAsync(IServiceProvider services, CancellationToken cancellationToken);
}

/// <summary>
/// The one per-school job runner: every minute, on the application's clock, each job that is due runs
/// for every running school in turn. A job never runs twice at once, so nothing is published or sent twice; on several
/// web nodes, each run of a job at a school is claimed by one node (<see cref="IClusterLocks"/>), and the others skip it.
/// </summary>
public sealed class SchoolJobs(IEnumerable<ISchoolJob> jobs, TenantScopes scopes, TenantRegistry registry, TimeProvider time,
    IClusterLocks locks, IConfiguration configuration, ILogger<SchoolJobs> logger) : BackgroundService
{
    public static readonly TimeSpan DefaultTick = TimeSpan.FromMinutes(1);

    /// <summary>How long a node may hold a job at a school before another may take it (if the node died running it).</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often the runner wakes: a minute, or <c>SchoolSite:Jobs:Tick</c> (a shorter tick is for tests of several
    /// nodes, which cannot wait minutes). Jobs that run every minute run on every tick.
    /// </summary>
    private TimeSpan Tick => configuration.GetValue("SchoolSite:Jobs:Tick", DefaultTick);

    private TimeSpan IntervalOf(ISchoolJob job) => job.Interval <= DefaultTick ? Tick : job.Interval;

    private readonly ISchoolJob[] _jobs = jobs.ToArray();
    private readonly ConcurrentDictionary<Type, SemaphoreSlim> _running = new();
    private readonly Dictionary<Type, DateTimeOffset> _lastRun = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = time.GetUtcNow();
            foreach (var job in _jobs)
            {
                var type = job.GetType();
                if (_lastRun.TryGetValue(type, out var last) && now - last < IntervalOf(job))
                {
                    continue;
                }
                _lastRun[type] = now;
                foreach (var school in registry.Schools.Where(s => s.State == TenantState.Running))
                {
                    try
                    {
                        // Most of the period, so a node's next tick finds its own claim gone; once across the nodes.
                        if (await locks.TryClaimAsync($"job:{type.Name}:{school.Name}", IntervalOf(job) * 0.9, stoppingToken))
                        {
                            await RunAsync(job, school, stoppingToken);
                        }
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        logger.LogWarning(exception, "{Job} failed for {Tenant}", type.Name, school.Name);
                    }
                }
            }
        }
    }

    /// <summary>Runs one job for one school now (the timer's way in, and the tests').</summary>
    public Task RunAsync<TJob>(TenantInfo school, CancellationToken cancellationToken = default) where TJob : ISchoolJob
        => RunAsync(_jobs.OfType<TJob>().Single(), school, cancellationToken);

    private async Task RunAsync(ISchoolJob job, TenantInfo school, CancellationToken cancellationToken)
    {
        var gate = _running.GetOrAdd(job.GetType(), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Never at once with the same job at the same school on another node (a long run, or a test's call).
            await using var held = await locks.TryAcquireAsync($"running:{job.GetType().Name}:{school.Name}", Lease, cancellationToken);
            if (held is null)
            {
                return;
            }
            await using var scope = await scopes.EnterAsync(school, cancellationToken);
            var shell = scope.ServiceProvider.GetRequiredService<TenantContext>().Shell;
            if (job.Feature is { } feature && !shell.IsEnabled(feature))
            {
                return;
            }
            await job.RunAsync(scope.ServiceProvider, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }
}

public static class SchoolJobServices
{
    public static IServiceCollection AddSchoolJob<TJob>(this IServiceCollection services) where TJob : class, ISchoolJob
        => services.AddSingleton<ISchoolJob, TJob>();
}
