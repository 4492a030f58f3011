using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Provisioning;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Models;

namespace SchoolSite.Media.Services;

/// <summary>Adds uploads to the school's library (through the pipeline: nothing unprocessed is stored) and describes them.</summary>
public sealed class MediaLibrary(MediaDbContext db, ImagePipeline pipeline, IMediaFileStore store, TenantContext tenant, TimeProvider time)
{
    public static readonly MediaLimits Limits = new();

    public async Task<(MediaItem? Item, string? Refusal)> UploadAsync(byte[] bytes, string? altText, string? caption, string? folder, string? uploadedBy,
        CancellationToken cancellationToken = default)
    {
        var result = pipeline.Process(bytes, Limits);
        if (!result.Accepted)
        {
            return (null, result.Refusal);
        }
        var id = PasswordGenerator.Generate().ToLowerInvariant();
        foreach (var rendition in result.Renditions)
        {
            await store.SaveAsync(tenant.Tenant.Name, id, rendition, cancellationToken);
        }
        var original = result.Renditions[0];
        var item = new MediaItem
        {
            Id = id,
            Kind = result.Kind!.Value.ToString(),
            ContentType = original.ContentType,
            Width = original.Width,
            Height = original.Height,
            Size = original.Bytes.LongLength,
            AltText = string.IsNullOrWhiteSpace(altText) ? null : altText.Trim(),
            Caption = string.IsNullOrWhiteSpace(caption) ? null : caption.Trim(),
            Folder = string.IsNullOrWhiteSpace(folder) ? null : folder.Trim(),
            UploadedBy = uploadedBy,
            UploadedUtc = time.GetUtcNow().UtcDateTime,
            Renditions = string.Join(',', result.Renditions.Select(r => r.Name)),
        };
        db.Items.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return (item, null);
    }

    public Task<MediaItem?> FindAsync(string id) => db.Items.FirstOrDefaultAsync(i => i.Id == id);

    public async Task SaveAsync() => await db.SaveChangesAsync();

    /// <summary>
    /// Whether the public may see this file now (the website purpose). Documents are public. A picture
    /// needs alt text, and either the uploader's word that nobody in it can be identified, or everyone
    /// in it cleared by the consent gate at this moment. Unreviewed pictures are never public.
    /// </summary>
    public static async ValueTask<bool> IsPublicAsync(MediaItem item, IPictureClearance? clearance)
    {
        if (!item.IsPicture)
        {
            return true;
        }
        if (string.IsNullOrWhiteSpace(item.AltText))
        {
            return false;
        }
        if (item.NoIdentifiablePeople)
        {
            return true;
        }
        return item.People.Count > 0 && clearance is not null && (await clearance.DecideAsync(item.People, "website")).Cleared;
    }
}
