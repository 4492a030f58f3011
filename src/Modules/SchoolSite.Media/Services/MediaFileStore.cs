using SchoolSite.Core.Data;

namespace SchoolSite.Media.Services;

/// <summary>Where a school's media files live. Paths are made by the server from ids it generated.</summary>
public interface IMediaFileStore
{
    Task SaveAsync(string tenant, string mediaId, MediaRendition rendition, CancellationToken cancellationToken = default);

    Stream? Open(string tenant, string mediaId, string rendition);
}

/// <summary>The default store: <c>App_Data/Sites/{tenant}/media/{id}/{rendition}</c>.</summary>
public sealed class FileSystemMediaStore(AppDataFolder appData) : IMediaFileStore
{
    public async Task SaveAsync(string tenant, string mediaId, MediaRendition rendition, CancellationToken cancellationToken = default)
    {
        var path = PathOf(tenant, mediaId, rendition.Name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, rendition.Bytes, cancellationToken);
    }

    public Stream? Open(string tenant, string mediaId, string rendition)
    {
        var path = PathOf(tenant, mediaId, rendition);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    private string PathOf(string tenant, string mediaId, string rendition)
    {
        // Ids and rendition names come from the server, but check anyway: nothing from a request may steer a path.
        if (!IsSafe(mediaId) || !IsSafe(rendition) || !IsSafe(tenant))
        {
            throw new ArgumentException("Not a media id or rendition name.");
        }
        return Path.Combine(appData.Path, "Sites", tenant, "media", mediaId, rendition);
    }

    private static bool IsSafe(string name) => name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
