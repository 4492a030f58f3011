using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SchoolSite.Core.Cluster;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Jobs;

/// <summary>
/// Work a module does for its schools on a timer (scheduled publishing, reminders, mail retries).
/// It runs inside the school's own scope, so it sees only that school's data and settings.
/// </summary>
public interface ISchoolJob
{
    /// <summary>How often it runs at a school someone is using (loaded on this node); the runner wakes once a minute.</summary>
    TimeSpan Interval { get; }

    /// <summary>The feature a school must have enabled for the job to run there, if any.</summary>
    string? Feature => null;

    Task RunAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>
    /// When it next has something to do at the school (null: nothing until a change wakes it), asked in the school's scope
    /// after each run. A school nobody is using is entered only then. By default once a day, at the school's own time.
    /// </summary>
    Task<DateTimeOffset?> NextDueAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
        => Task.FromResult<DateTimeOffset?>(JobTimes.NextSlot(services.GetRequiredService<TenantContext>().Tenant.Name, now, JobTimes.Daily));
}

/// <summary>
/// The one per-school job runner. Every minute, on the application's clock: at each school loaded on this node (someone
/// is using it), each job runs on its interval; at every other school, only the jobs the trust's index says are due
/// (<see cref="JobAlarms"/>), so a school with nothing due is never entered and stays unloaded. A job never runs twice at
/// once, so nothing is published or sent twice; on several web nodes each run is claimed by one node (a loaded school's
/// run in <see cref="IClusterLocks"/>, a due row in the index itself).
/// </summary>
public sealed class SchoolJobs(IEnumerable<ISchoolJob> jobs, TenantScopes scopes, TenantShells shells, TenantRegistry registry, JobAlarms alarms,
    TimeProvider time, IClusterLocks locks, IConfiguration configuration, ILogger<SchoolJobs> logger) : BackgroundService
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
    private readonly SemaphoreSlim _ticking = new(1, 1);
    private long _indexedVersion = -1;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await TickAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "The job runner could not read what is due; it tries again next minute");
            }
        }
    }

    /// <summary>One wake of the runner (the timer's, and the tests').</summary>
    public async Task TickAsync(CancellationToken cancellationToken = default)
    {
        await _ticking.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            var ran = new HashSet<(string, Type)>();
            var loaded = registry.Schools.Where(s => s.State == TenantState.Running && shells.IsActive(s.Name)).ToList();
            foreach (var job in _jobs)
            {
                var type = job.GetType();
                if (_lastRun.TryGetValue(type, out var last) && now - last < IntervalOf(job))
                {
                    continue;
                }
                _lastRun[type] = now;
                foreach (var school in loaded)
                {
                    // Most of the period, so a node's next tick finds its own claim gone; once across the nodes.
                    if (await Guarded(job, school, () => locks.TryClaimAsync($"job:{type.Name}:{school.Name}", IntervalOf(job) * 0.9, cancellationToken)))
                    {
                        ran.Add((school.Name, type));
                        await Guarded(job, school, async () => { await RunAsync(job, school, null, cancellationToken); return true; });
                    }
                }
            }
            await RunDueAsync(now, ran, cancellationToken);
        }
        finally
        {
            _ticking.Release();
        }
    }

    /// <summary>The schools nobody is using here: what the index says is due, and a first run for schools and jobs it has not seen.</summary>
    private async Task RunDueAsync(DateTimeOffset now, HashSet<(string, Type)> ran, CancellationToken cancellationToken)
    {
        var version = registry.Version;
        if (version != _indexedVersion
            && await alarms.AddMissingAsync(registry.Schools.Select(s => s.Name).ToList(), _jobs.Select(j => JobAlarms.NameOf(j.GetType())).ToList(), cancellationToken))
        {
            _indexedVersion = version;
        }
        foreach (var due in await alarms.DueAsync(now, cancellationToken))
        {
            if (registry.Find(due.School) is not { State: TenantState.Running } school
                || _jobs.FirstOrDefault(j => JobAlarms.NameOf(j.GetType()) == due.Job) is not { } job
                || ran.Contains((school.Name, job.GetType())))
            {
                continue;
            }
            DateTime? claim = null;
            if (await Guarded(job, school, async () => (claim = await alarms.TryClaimAsync(due, now + Lease, cancellationToken)) is not null))
            {
                await Guarded(job, school, async () => { await RunAsync(job, school, claim, cancellationToken); return true; });
            }
        }
    }

    private async Task<bool> Guarded(ISchoolJob job, TenantInfo school, Func<Task<bool>> step)
    {
        try
        {
            return await step();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "{Job} failed for {Tenant}", job.GetType().Name, school.Name);
            return false;
        }
    }

    /// <summary>Runs one job for one school now (the timer's way in, and the tests').</summary>
    public Task RunAsync<TJob>(TenantInfo school, CancellationToken cancellationToken = default) where TJob : ISchoolJob
        => RunAsync(_jobs.OfType<TJob>().Single(), school, null, cancellationToken);

    /// <summary>Runs <paramref name="job"/> at <paramref name="school"/>, then records when it is next due there (<paramref name="claim"/>: the index row this node took).</summary>
    private async Task RunAsync(ISchoolJob job, TenantInfo school, DateTime? claim, CancellationToken cancellationToken)
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
            DateTimeOffset? next = null;
            if (job.Feature is not { } feature || shell.IsEnabled(feature))
            {
                await job.RunAsync(scope.ServiceProvider, cancellationToken);
                next = await job.NextDueAsync(scope.ServiceProvider, time.GetUtcNow(), cancellationToken);
            }
            await alarms.PlanAsync(school.Name, JobAlarms.NameOf(job.GetType()), next, claim, cancellationToken);
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
