using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace SchoolSite.Media.Services;

/// <summary>
/// Media in blob storage (the Azure Blob API; Azurite in tests), for several web nodes that share no disk. The container
/// is private: files are only ever served through the application, so the publication policy stays in front of every
/// byte. Names mirror the local store: <c>{tenant}/{id}/{rendition}</c> in place, <c>{tenant}/.staged/{unix ms}-{id}/…</c>
/// while an upload is saved. Any node may be staging, so the sweep judges staged uploads by their age alone.
/// </summary>
public sealed class BlobMediaStore(BlobContainerClient container) : IMediaFileStore
{
    private const string Staging = ".staged";

    private readonly Lazy<Task> _created = new(() => container.CreateIfNotExistsAsync(PublicAccessType.None));

    public async Task<StagedFiles> StageAsync(string tenant, string mediaId, IReadOnlyList<MediaRendition> renditions,
        CancellationToken cancellationToken = default)
    {
        await _created.Value;
        var staged = new StagedFiles(mediaId, DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        try
        {
            foreach (var rendition in renditions)
            {
                await container.GetBlobClient(StagedPrefix(tenant, staged) + MediaNames.Checked(rendition.Name)).UploadAsync(
                    new BinaryData(rendition.Bytes),
                    new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = rendition.ContentType } },
                    cancellationToken);
            }
        }
        catch
        {
            await DiscardAsync(tenant, staged, CancellationToken.None);
            throw;
        }
        return staged;
    }

    public async Task PlaceAsync(string tenant, StagedFiles staged, CancellationToken cancellationToken = default)
    {
        var source = StagedPrefix(tenant, staged);
        var files = await NamesAsync(source, cancellationToken);
        // Already placed (by the upload, or by the sweep after it): nothing to do.
        if (files.Count == 0)
        {
            return;
        }
        // The row was saved under this id, so anything already there was left by a crash before it existed.
        await DeletePrefixAsync(Prefix(tenant, staged.MediaId), cancellationToken);
        foreach (var name in files)
        {
            var from = container.GetBlobClient(name);
            var content = await from.DownloadContentAsync(cancellationToken);
            await container.GetBlobClient(Prefix(tenant, staged.MediaId) + name[source.Length..]).UploadAsync(
                content.Value.Content,
                new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = content.Value.Details.ContentType } },
                cancellationToken);
        }
        // Only once every file is in place: a crash before this leaves the staged copy for the sweep to place again.
        await DeletePrefixAsync(source, cancellationToken);
    }

    public Task DiscardAsync(string tenant, StagedFiles staged, CancellationToken cancellationToken = default)
        => DeletePrefixAsync(StagedPrefix(tenant, staged), cancellationToken);

    public async Task<Stream?> OpenAsync(string tenant, string mediaId, string rendition, CancellationToken cancellationToken = default)
    {
        try
        {
            var download = await container.GetBlobClient(Prefix(tenant, mediaId) + MediaNames.Checked(rendition)).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return download.Value.Content;
        }
        catch (RequestFailedException failed) when (failed.Status == 404)
        {
            return null;
        }
    }

    public async Task<StoredMedia> ListAsync(string tenant, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        var root = MediaNames.Checked(tenant) + "/";
        var placed = new List<string>();
        await foreach (var item in container.GetBlobsByHierarchyAsync(new GetBlobsByHierarchyOptions { Prefix = root, Delimiter = "/" }, cancellationToken))
        {
            if (item.IsPrefix && item.Prefix[root.Length..].TrimEnd('/') is var id && MediaNames.IsSafe(id))
            {
                placed.Add(id);
            }
        }
        var stagedRoot = root + Staging + "/";
        var staged = new List<StagedFiles>();
        await foreach (var item in container.GetBlobsByHierarchyAsync(new GetBlobsByHierarchyOptions { Prefix = stagedRoot, Delimiter = "/" }, cancellationToken))
        {
            if (item.IsPrefix && MediaNames.ParseStaged(item.Prefix[stagedRoot.Length..].TrimEnd('/')) is { } upload)
            {
                staged.Add(upload);
            }
        }
        return new StoredMedia(placed, staged);
    }

    /// <summary>Another node may be writing any staged upload: only its age says it was abandoned.</summary>
    public bool IsRunning(string tenant, StagedFiles staged) => true;

    public Task RemoveAsync(string tenant, string mediaId, CancellationToken cancellationToken = default)
        => DeletePrefixAsync(Prefix(tenant, mediaId), cancellationToken);

    private static string Prefix(string tenant, string mediaId) => $"{MediaNames.Checked(tenant)}/{MediaNames.Checked(mediaId)}/";

    private static string StagedPrefix(string tenant, StagedFiles staged) => $"{MediaNames.Checked(tenant)}/{Staging}/{MediaNames.StagedName(staged)}/";

    private async Task<List<string>> NamesAsync(string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            names.Add(blob.Name);
        }
        return names;
    }

    private async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        foreach (var name in await NamesAsync(prefix, cancellationToken))
        {
            await container.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken);
        }
    }
}
