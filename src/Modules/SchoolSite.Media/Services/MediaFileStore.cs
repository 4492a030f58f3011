using System.Globalization;
using SchoolSite.Core.Data;

namespace SchoolSite.Media.Services;

/// <summary>An upload's files written under a temporary name: for which media id, and when.</summary>
public sealed record StagedFiles(string MediaId, DateTimeOffset StagedAt);

/// <summary>What a school's media folder holds: the ids with files in place, and uploads still staged.</summary>
public sealed record StoredMedia(IReadOnlyList<string> Placed, IReadOnlyList<StagedFiles> Staged);

/// <summary>
/// Where a school's media files live. Paths are made by the server from ids it generated. An upload is all or
/// nothing: its files are staged where nothing serves them, and placed only once the row that owns them is saved
/// (<see cref="MediaLibrary.UploadAsync"/>); <see cref="MediaFileSweep"/> finishes or removes what a crash left.
/// </summary>
public interface IMediaFileStore
{
    /// <summary>Writes an upload's files under a temporary name; if any cannot be written, none is left.</summary>
    Task<StagedFiles> StageAsync(string tenant, string mediaId, IReadOnlyList<MediaRendition> renditions, CancellationToken cancellationToken = default);

    /// <summary>Moves staged files into place once their row is saved, replacing any files a crash left under the id.</summary>
    Task PlaceAsync(string tenant, StagedFiles staged, CancellationToken cancellationToken = default);

    /// <summary>Removes staged files whose row was not saved.</summary>
    Task DiscardAsync(string tenant, StagedFiles staged, CancellationToken cancellationToken = default);

    /// <summary>A placed file's bytes, or null when there is none.</summary>
    Task<Stream?> OpenAsync(string tenant, string mediaId, string rendition, CancellationToken cancellationToken = default);

    /// <summary>Where a placed file is on this node's own disk, so the server can send it with the kernel's sendfile; null when it is not (blob storage) or is missing.</summary>
    string? LocalPath(string tenant, string mediaId, string rendition) => null;

    /// <summary>Every id with files in place and every staged upload, for the sweep.</summary>
    Task<StoredMedia> ListAsync(string tenant, CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether an upload in this process is still writing or saving these staged files. Staged files no running upload
    /// owns were left by a crash: the sweep need not wait for them.
    /// </summary>
    bool IsRunning(string tenant, StagedFiles staged);

    /// <summary>Removes the files in place under an id that has no row.</summary>
    Task RemoveAsync(string tenant, string mediaId, CancellationToken cancellationToken = default);
}

/// <summary>
/// The default store: <c>App_Data/Sites/{tenant}/media/{id}/{rendition}</c>, with uploads staged in
/// <c>media/.staged/{unix ms}-{id}/</c> (a name no media id can take) and moved into place in one rename. The folder is
/// this node's own disk, so only this process stages into it: what it is not staging now, a crash left.
/// </summary>
public sealed class FileSystemMediaStore(AppDataFolder appData, TimeProvider time) : IMediaFileStore
{
    private const string Staging = ".staged";

    // Staged folders of uploads running in this process; moves and removals take the lock, so the sweep and an upload
    // never both act on one folder.
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);

    public async Task<StagedFiles> StageAsync(string tenant, string mediaId, IReadOnlyList<MediaRendition> renditions,
        CancellationToken cancellationToken = default)
    {
        var staged = new StagedFiles(mediaId, DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds()));
        var folder = StagedFolder(tenant, staged);
        lock (_running)
        {
            _running.Add(folder);
        }
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var rendition in renditions)
            {
                await File.WriteAllBytesAsync(Path.Combine(folder, Checked(rendition.Name)), rendition.Bytes, cancellationToken);
            }
        }
        catch
        {
            await DiscardAsync(tenant, staged, CancellationToken.None);
            throw;
        }
        return staged;
    }

    public Task PlaceAsync(string tenant, StagedFiles staged, CancellationToken cancellationToken = default)
    {
        Place(tenant, staged);
        return Task.CompletedTask;
    }

    private void Place(string tenant, StagedFiles staged)
    {
        var source = StagedFolder(tenant, staged);
        var target = Folder(tenant, staged.MediaId);
        lock (_running)
        {
            _running.Remove(source);
            // Already placed (by the upload, or by the sweep after it): nothing to do.
            if (!Directory.Exists(source))
            {
                return;
            }
            // The row was saved under this id, so anything already here was left by a crash before it existed.
            Delete(target);
            Directory.Move(source, target);
        }
    }

    public Task DiscardAsync(string tenant, StagedFiles staged, CancellationToken cancellationToken = default)
    {
        var folder = StagedFolder(tenant, staged);
        lock (_running)
        {
            _running.Remove(folder);
            Delete(folder);
        }
        return Task.CompletedTask;
    }

    public bool IsRunning(string tenant, StagedFiles staged)
    {
        lock (_running)
        {
            return _running.Contains(StagedFolder(tenant, staged));
        }
    }

    public Task<Stream?> OpenAsync(string tenant, string mediaId, string rendition, CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Folder(tenant, mediaId), Checked(rendition));
        return Task.FromResult<Stream?>(File.Exists(path) ? File.OpenRead(path) : null);
    }

    public string? LocalPath(string tenant, string mediaId, string rendition)
    {
        var path = Path.Combine(Folder(tenant, mediaId), Checked(rendition));
        return File.Exists(path) ? path : null;
    }

    public Task<StoredMedia> ListAsync(string tenant, CancellationToken cancellationToken = default) => Task.FromResult(List(tenant));

    private StoredMedia List(string tenant)
    {
        var root = Root(tenant);
        if (!Directory.Exists(root))
        {
            return new StoredMedia([], []);
        }
        var placed = Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>().Where(MediaNames.IsSafe).ToList();
        var staging = Path.Combine(root, Staging);
        var staged = Directory.Exists(staging)
            ? Directory.EnumerateDirectories(staging).Select(Path.GetFileName).Select(ParseStaged).OfType<StagedFiles>().ToList()
            : [];
        return new StoredMedia(placed, staged);
    }

    public Task RemoveAsync(string tenant, string mediaId, CancellationToken cancellationToken = default)
    {
        Delete(Folder(tenant, mediaId));
        return Task.CompletedTask;
    }

    private string Root(string tenant) => Path.Combine(appData.Path, "Sites", Checked(tenant), "media");

    private string Folder(string tenant, string mediaId) => Path.Combine(Root(tenant), Checked(mediaId));

    private string StagedFolder(string tenant, StagedFiles staged)
        => Path.Combine(Root(tenant), Staging, StagedFolderName(staged));

    private static StagedFiles? ParseStaged(string? name) => MediaNames.ParseStaged(name);

    private static void Delete(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Checked(string name) => MediaNames.Checked(name);

    private string StagedFolderName(StagedFiles staged) => MediaNames.StagedName(staged);
}

/// <summary>How a store names what it holds: ids and rendition names the server made, checked all the same.</summary>
internal static class MediaNames
{
    /// <summary>Ids and rendition names come from the server, but check anyway: nothing from a request may steer a path.</summary>
    public static string Checked(string name) => IsSafe(name) ? name : throw new ArgumentException("Not a media id or rendition name.");

    public static bool IsSafe(string name) => name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>A staged upload's name: when it was staged, then its id (a name no media id can take).</summary>
    public static string StagedName(StagedFiles staged)
        => $"{staged.StagedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}-{Checked(staged.MediaId)}";

    public static StagedFiles? ParseStaged(string? name)
    {
        var dash = name?.IndexOf('-') ?? -1;
        return dash > 0 && long.TryParse(name![..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) && IsSafe(name[(dash + 1)..])
            ? new StagedFiles(name[(dash + 1)..], DateTimeOffset.FromUnixTimeMilliseconds(milliseconds))
            : null;
    }
}
