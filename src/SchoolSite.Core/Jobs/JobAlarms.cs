using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Jobs;

/// <summary>
/// The trust's small index of background work: for each school and job, when it is next due. The job runner asks it once
/// a tick for what is due, instead of entering every school; after each run the job says when it is next due
/// (<see cref="ISchoolJob.NextDueAsync"/>), and a change whose follow-up must happen even if this process stops first
/// wakes the job itself (<see cref="WakeAsync{TJob}"/>) before it is saved.
/// </summary>
public sealed class JobAlarms(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>How long a value this node wrote is trusted before it writes the same value again (another node may have changed it).</summary>
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<(string School, string Job), (DateTime? Due, DateTimeOffset WrittenAt)> _written = new();

    public static string NameOf(Type job) => job.Name;

    /// <summary>Rows due at <paramref name="now"/>, soonest first.</summary>
    public async Task<IReadOnlyList<JobAlarm>> DueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var at = now.UtcDateTime;
        return await db.JobAlarms.AsNoTracking().Where(a => a.DueUtc <= at).OrderBy(a => a.DueUtc).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Takes a due row for this node: moves it to <paramref name="retryAt"/> (when it is tried again if this node dies running it)
    /// only if it still says what was read, so one node runs it. Returns the value written, or null when another node took it.
    /// </summary>
    public async Task<DateTime?> TryClaimAsync(JobAlarm seen, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var retry = retryAt.UtcDateTime;
        var claimed = await db.JobAlarms.Where(a => a.School == seen.School && a.Job == seen.Job && a.DueUtc == seen.DueUtc)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.DueUtc, retry), cancellationToken) == 1;
        return claimed ? retry : null;
    }

    /// <summary>
    /// Records when <paramref name="job"/> is next due at <paramref name="school"/>, after a run there (<paramref name="claimed"/>:
    /// the value this node's claim wrote, if the run came from the index). A plan never drops an alarm still in the future
    /// that a change set meanwhile (it may only bring it earlier); an alarm that has passed, or this run's claim, it replaces.
    /// </summary>
    public async Task PlanAsync(string school, string job, DateTimeOffset? due, DateTime? claimed, CancellationToken cancellationToken)
    {
        var value = due?.UtcDateTime;
        var now = time.GetUtcNow();
        if (claimed is null && _written.TryGetValue((school, job), out var last) && last.Due == value && now - last.WrittenAt < Remembered)
        {
            return;
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var at = now.UtcDateTime;
        var row = db.JobAlarms.Where(a => a.School == school && a.Job == job);
        var replaceable = value is { } next
            ? row.Where(a => a.DueUtc == null || a.DueUtc <= at || a.DueUtc == claimed || a.DueUtc >= next)
            : row.Where(a => a.DueUtc == null || a.DueUtc <= at || a.DueUtc == claimed);
        if (await replaceable.ExecuteUpdateAsync(set => set.SetProperty(a => a.DueUtc, value), cancellationToken) == 0
            && !await row.AnyAsync(cancellationToken))
        {
            await InsertAsync(db, school, job, value, cancellationToken);
        }
        _written[(school, job)] = (value, now);
    }

    /// <summary>
    /// Makes <typeparamref name="TJob"/> due at <paramref name="school"/> by <paramref name="at"/> (an earlier alarm stays).
    /// Called before saving a change whose follow-up the job does, so a crash in between still leaves the job due.
    /// </summary>
    public Task WakeAsync<TJob>(string school, DateTimeOffset at, CancellationToken cancellationToken = default) where TJob : ISchoolJob
        => WakeAsync(school, NameOf(typeof(TJob)), at, cancellationToken);

    public async Task WakeAsync(string school, string job, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (school == Data.TenantDatabases.HostTenantName)
        {
            return; // The trust's dashboard runs no school jobs.
        }
        var value = at.UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var row = db.JobAlarms.Where(a => a.School == school && a.Job == job);
        if (await row.Where(a => a.DueUtc == null || a.DueUtc > value).ExecuteUpdateAsync(set => set.SetProperty(a => a.DueUtc, value), cancellationToken) == 0
            && !await row.AnyAsync(cancellationToken))
        {
            await InsertAsync(db, school, job, value, cancellationToken);
        }
        _written.TryRemove((school, job), out _);
    }

    /// <summary>
    /// Makes every job due now at each school that has no row for it yet: a new school, a job added by an upgrade, or an
    /// installation from before this index. One query for the lot. False when another node or a removal got in the way.
    /// </summary>
    public async Task<bool> AddMissingAsync(IReadOnlyCollection<string> schools, IReadOnlyCollection<string> jobs, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var known = (await db.JobAlarms.AsNoTracking().Select(a => new { a.School, a.Job }).ToListAsync(cancellationToken))
            .Select(a => (a.School, a.Job)).ToHashSet();
        var now = time.GetUtcNow().UtcDateTime;
        var missing = schools.SelectMany(s => jobs.Select(j => (School: s, Job: j))).Where(pair => !known.Contains(pair)).ToList();
        if (missing.Count == 0)
        {
            return true;
        }
        db.JobAlarms.AddRange(missing.Select(m => new JobAlarm { School = m.School, Job = m.Job, DueUtc = now }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node added some of them first, or a school was removed meanwhile: the next tick looks again.
            return false;
        }
    }

    private static async Task InsertAsync(HostDbContext db, string school, string job, DateTime? due, CancellationToken cancellationToken)
    {
        db.JobAlarms.Add(new JobAlarm { School = school, Job = job, DueUtc = due });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Added by another node meanwhile (or the school is gone): write over it.
            db.ChangeTracker.Clear();
            await db.JobAlarms.Where(a => a.School == school && a.Job == job)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.DueUtc, due), cancellationToken);
        }
    }
}

/// <summary>When a school's periodic work falls: once a day at a time of its own, so a thousand schools are not entered at once.</summary>
public static class JobTimes
{
    public static readonly TimeSpan Daily = TimeSpan.FromDays(1);

    /// <summary>The first of <paramref name="school"/>'s slots every <paramref name="every"/> that is after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextSlot(string school, DateTimeOffset now, TimeSpan every)
    {
        var offset = Spread(school) % (ulong)every.Ticks;
        var since = (ulong)now.UtcTicks - offset;
        var slot = (long)(since - since % (ulong)every.Ticks + offset) + every.Ticks;
        return new DateTimeOffset(slot, TimeSpan.Zero);
    }

    /// <summary>The same number for a school on every node and every start (string hash codes differ per process).</summary>
    private static ulong Spread(string school)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in school)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }
}
