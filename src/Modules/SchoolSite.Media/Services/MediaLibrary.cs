using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Audit;
using SchoolSite.Core.Provisioning;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Models;

namespace SchoolSite.Media.Services;

/// <summary>Adds uploads to the school's library (through the pipeline: nothing unprocessed is stored) and describes them.</summary>
public sealed class MediaLibrary(MediaDbContext db, ImagePipeline pipeline, IMediaFileStore store, TenantContext tenant, TimeProvider time, IAuditLog audit)
{
    public static readonly MediaLimits Limits = new();

    public async Task<(MediaItem? Item, string? Refusal)> UploadAsync(byte[] bytes, string? altText, string? caption, string? folder, string? uploadedBy,
        CancellationToken cancellationToken = default, string? id = null)
    {
        var result = pipeline.Process(bytes, Limits);
        if (!result.Accepted)
        {
            return (null, result.Refusal);
        }
        id ??= PasswordGenerator.Generate().ToLowerInvariant();
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
        MediaPictures.Evict(tenant.Shell);
        return (item, null);
    }

    public Task<MediaItem?> FindAsync(string id) => db.Items.FirstOrDefaultAsync(i => i.Id == id);

    /// <summary>Saves a change to an item's description, audits a change of who is in it, and tells the gate and the public site.</summary>
    public async Task SaveAsync(MediaItem item, IEnumerable<IPictureObserver> observers, string actor)
    {
        var entry = db.Entry(item);
        var before = entry.Property(i => i.PeopleIds).OriginalValue;
        var wasNobody = entry.Property(i => i.NoIdentifiablePeople).OriginalValue;
        await db.SaveChangesAsync();
        if (before != item.PeopleIds || wasNobody != item.NoIdentifiablePeople)
        {
            await audit.RecordAsync(new AuditEntry(actor, "media", "people-tagged", $"media:{item.Id}",
                Describe(before, wasNobody), Describe(item.PeopleIds, item.NoIdentifiablePeople)));
        }
        MediaPictures.Evict(tenant.Shell);
        foreach (var observer in observers)
        {
            await observer.MediaChangedAsync(item.Id);
        }
    }

    private static string Describe(string peopleIds, bool nobody) => nobody ? "no identifiable people" : peopleIds.Length == 0 ? "unreviewed" : $"people: {peopleIds}";
}
