using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Models;

namespace SchoolSite.Media.Services;

/// <summary>A change to who is in a media item that waits for a second person: what it would become, who asked and why.</summary>
public sealed record ProposedChange(IReadOnlyList<string> People, bool NoIdentifiablePeople, string? ById, string ByName, DateTime AtUtc, string? Reason);

/// <summary>What the gate needs to know about one media item, held in memory. Only the confirmed description counts.</summary>
public sealed record MediaEntry(string Id, string Kind, string ContentType, int Width, int Height, string? AltText, string? Caption,
    bool NoIdentifiablePeople, IReadOnlyList<string> People, IReadOnlyList<string> Renditions, ProposedChange? Proposal = null)
{
    public bool IsPicture => Kind != "Pdf";

    public bool IsUnreviewed => !NoIdentifiablePeople && People.Count == 0;

    public string Name => AltText ?? Caption ?? (IsPicture ? $"picture {Id}" : $"document {Id}");

    public static MediaEntry Of(MediaItem item) => new(item.Id, item.Kind, item.ContentType, item.Width, item.Height, item.AltText, item.Caption,
        item.NoIdentifiablePeople, item.People, item.Renditions.Split(','),
        item.HasProposal ? new ProposedChange(item.ProposedPeople, item.ProposedNobody!.Value, item.ProposedById, item.ProposedByName ?? "someone",
            item.ProposedUtc ?? DateTime.UnixEpoch, item.ProposedReason) : null);
}

/// <summary>A media item's standing for one purpose right now: shown or blocked (with reasons), and when a clearance lapses.</summary>
public sealed record PictureStatus(string Id, MediaEntry? Item, bool Shown, IReadOnlyList<string> Reasons, DateTimeOffset? Lapses)
{
    public IReadOnlyList<string> People => Item?.People ?? [];
}

/// <summary>
/// The one place that decides whether a media item may be shown for a purpose: the public file URL, the
/// theme's render gate, the publish gate and the editor's statuses all ask here. It reads a per-school
/// index of the library held in memory (rebuilt after a change) and the consent gate's own index, so a
/// page full of pictures costs no query.
/// </summary>
public sealed class MediaPictures(MediaDbContext db, TenantContext tenant, IServiceProvider services) : ISchoolEventHandler<PictureChanged>
{
    public sealed record Index(FrozenDictionary<string, MediaEntry> Items);

    // First: pages evicted after a change must be rendered from the new index.
    public int Order => -100;

    public Task HandleAsync(IReadOnlyList<PictureChanged> changes, CancellationToken cancellationToken)
    {
        tenant.Shell.Evict<Index>();
        return Task.CompletedTask;
    }

    public async ValueTask<MediaEntry?> FindAsync(string id)
        => (await tenant.Shell.GetOrLoadAsync(LoadAsync)).Items.GetValueOrDefault(id);

    /// <summary>Items with a change waiting for a second person.</summary>
    public async Task<IReadOnlyList<MediaEntry>> ProposalsAsync()
        => (await tenant.Shell.GetOrLoadAsync(LoadAsync)).Items.Values.Where(i => i.Proposal is not null).OrderBy(i => i.Proposal!.AtUtc).ToList();

    /// <summary>The items in the library that show this person.</summary>
    public async Task<IReadOnlyList<MediaEntry>> ShowingAsync(string personId)
        => (await tenant.Shell.GetOrLoadAsync(LoadAsync)).Items.Values.Where(i => i.People.Contains(personId)).ToList();

    public async ValueTask<PictureStatus> StatusAsync(string id, string purpose)
    {
        var item = await FindAsync(id);
        if (item is null)
        {
            return new PictureStatus(id, null, false, [$"The picture {id} is not in the media library."], null);
        }
        var reasons = new List<string>();
        if (item.IsUnreviewed)
        {
            // A document (a newsletter full of photos is the common case) is gated exactly like a picture.
            reasons.Add(item.IsPicture
                ? $"'{item.Name}' is unreviewed: say who is in it, or that nobody can be identified."
                : $"'{item.Name}' (a document) is unreviewed: say who appears in it, or a colleague with the consent permission confirms that nobody can be identified.");
        }
        if (item.IsPicture && string.IsNullOrWhiteSpace(item.AltText))
        {
            reasons.Add($"Picture {id} has no alt text.");
        }
        DateTimeOffset? lapses = null;
        if (item.People.Count > 0)
        {
            var clearance = services.GetService<IPictureClearance>();
            var decision = clearance is null
                ? new PictureDecision(false, ["Consent records are not available, so no picture of a person can be shown."])
                : await clearance.DecideAsync(item.People, purpose);
            reasons.AddRange(decision.Reasons.Select(r => $"'{item.Name}': {r}"));
            lapses = decision.Lapses;
        }
        return new PictureStatus(id, item, reasons.Count == 0, reasons, reasons.Count == 0 ? lapses : null);
    }

    private async Task<Index> LoadAsync()
    {
        var items = await db.Items.AsNoTracking().ToListAsync();
        return new Index(items.ToFrozenDictionary(i => i.Id, MediaEntry.Of));
    }
}
