using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Models;

namespace SchoolSite.Media.Services;

/// <summary>
/// Finishes or removes what a crash left in a school's media folder, a minute after start-up and hourly after that.
/// An upload stages its files, saves its row, then moves the files into place: staged files whose row was saved are
/// moved into place, staged files with no row are removed, and so are files in place with no row (left by uploads
/// from before they were all or nothing). Files an upload in this process is still writing are left alone for up to
/// <see cref="InProgress"/>; files no running upload owns were left by a crash, so the first sweep after a restart
/// settles them, however recent.
/// </summary>
public sealed class MediaFileSweep : ISchoolJob
{
    public static readonly TimeSpan InProgress = TimeSpan.FromMinutes(10);

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public string? Feature => Manifest.MediaFeature;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IMediaFileStore>();
        var school = services.GetRequiredService<TenantContext>().Tenant.Name;
        // Listed before the rows are read: files are placed only after their row is saved, so every id listed in place
        // whose row exists is among the rows read next.
        var stored = await store.ListAsync(school, cancellationToken);
        if (stored.Placed.Count == 0 && stored.Staged.Count == 0)
        {
            return;
        }
        var rows = (await services.GetRequiredService<MediaDbContext>().Items.Select(i => i.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var (finished, discarded, removed) = (0, 0, 0);
        foreach (var staged in stored.Staged.Where(s => !store.IsRunning(school, s) || now - s.StagedAt >= InProgress))
        {
            if (rows.Contains(staged.MediaId))
            {
                await store.PlaceAsync(school, staged, cancellationToken);
                finished++;
            }
            else
            {
                await store.DiscardAsync(school, staged, cancellationToken);
                discarded++;
            }
        }
        foreach (var id in stored.Placed.Where(id => !rows.Contains(id)))
        {
            await store.RemoveAsync(school, id, cancellationToken);
            removed++;
        }
        if (finished + discarded + removed > 0)
        {
            services.GetRequiredService<ILogger<MediaFileSweep>>().LogWarning(
                "Media files left by an interrupted upload at {Tenant}: {Finished} uploads put in place, {Discarded} unsaved uploads and {Removed} files with no media item removed",
                school, finished, discarded, removed);
        }
    }

    /// <summary>
    /// Again once an upload still staged would count as left behind; otherwise not until the next upload wakes it (each
    /// upload makes the sweep due before it stages anything).
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var school = services.GetRequiredService<TenantContext>().Tenant.Name;
        var stored = await services.GetRequiredService<IMediaFileStore>().ListAsync(school, cancellationToken);
        return stored.Staged.Count > 0 ? now + InProgress : null;
    }
}
