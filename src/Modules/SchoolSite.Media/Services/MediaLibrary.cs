using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Models;

namespace SchoolSite.Media.Services;

/// <summary>Adds uploads to the school's library (through the pipeline: nothing unprocessed is stored) and describes them.</summary>
public sealed class MediaLibrary(MediaDbContext db, ImagePipeline pipeline, IMediaFileStore store, TenantContext tenant, TimeProvider time, SchoolEvents events)
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
        id ??= IdGenerator.New();
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
        await events.RaiseAsync(new PictureChanged(item.Id), cancellationToken);
        return (item, null);
    }

    public Task<MediaItem?> FindAsync(string id) => db.Items.FirstOrDefaultAsync(i => i.Id == id);

    /// <summary>Saves a change to an item's description and announces it: the gate, the public site and (for who is in it) the audit trail.</summary>
    public async Task SaveAsync(MediaItem item, Actor actor)
    {
        var entry = db.Entry(item);
        var before = entry.Property(i => i.PeopleIds).OriginalValue;
        var wasNobody = entry.Property(i => i.NoIdentifiablePeople).OriginalValue;
        await db.SaveChangesAsync();
        var tagged = before != item.PeopleIds || wasNobody != item.NoIdentifiablePeople;
        await events.RaiseAsync(new PictureChanged(item.Id, tagged
            ? new AuditEntry(actor.Name, "media", "people-tagged", $"media:{item.Id}", Describe(before, wasNobody), Describe(item.PeopleIds, item.NoIdentifiablePeople))
            : null));
    }

    private static string Describe(string peopleIds, bool nobody) => nobody ? "no identifiable people" : peopleIds.Length == 0 ? "unreviewed" : $"people: {peopleIds}";
}
