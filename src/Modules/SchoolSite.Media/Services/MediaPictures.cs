using System.Collections.Frozen;
using System.Globalization;
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
    bool NoIdentifiablePeople, IReadOnlyList<string> People, IReadOnlyList<string> Renditions, ProposedChange? Proposal = null,
    DateTime UploadedUtc = default)
{
    /// <summary>The longest name a message uses for an item.</summary>
    public const int NameLength = 100;

    public bool IsPicture => Kind != "Pdf";

    public bool IsUnreviewed => !NoIdentifiablePeople && People.Count == 0;

    /// <summary>
    /// What staff call it in a message: the start of its alt text or caption (a label, never the whole stored text), or
    /// when neither is written, the day it was uploaded.
    /// </summary>
    public string Name => ShortText.Of(AltText ?? Caption, NameLength)
        ?? string.Create(CultureInfo.InvariantCulture, $"the {(IsPicture ? "picture" : "document")} uploaded on {UploadedUtc:d MMMM yyyy 'at' HH:mm}");

    public static MediaEntry Of(MediaItem item) => new(item.Id, item.Kind, item.ContentType, item.Width, item.Height, item.AltText, item.Caption,
        item.NoIdentifiablePeople, item.People, item.Renditions.Split(','),
        item.HasProposal ? new ProposedChange(item.ProposedPeople, item.ProposedNobody!.Value, item.ProposedById, item.ProposedByName ?? "someone",
            item.ProposedUtc ?? DateTime.UnixEpoch, item.ProposedReason) : null, item.UploadedUtc);
}

/// <summary>A media item's standing for one purpose right now: shown or blocked (with reasons), and when a clearance lapses.</summary>
public sealed record PictureStatus(string Id, MediaEntry? Item, bool Shown, IReadOnlyList<string> Reasons, DateTimeOffset? Lapses)
{
    /// <summary>
    /// The people whose consent decides it (pages showing it are refreshed when theirs changes); none for an item naming
    /// more than the library allows, which stays blocked whatever they say.
    /// </summary>
    public IReadOnlyList<string> People => Item is { People.Count: <= MediaItem.MaxPeople } item ? item.People : [];
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

    /// <summary>
    /// Whether the item may be shown for the purpose, and why not, for staff: a few short sentences (the first people
    /// not cleared and how many more), never one per person and never the whole of any stored text.
    /// </summary>
    public ValueTask<PictureStatus> StatusAsync(string id, string purpose) => DecideAsync(id, purpose, explain: true);

    /// <summary>
    /// Whether the item may be shown for the purpose, for a visitor's request (a public file, a page): nothing is said
    /// to them, so no reason is written, and the decision stops at the first person not cleared.
    /// </summary>
    public ValueTask<PictureStatus> VisitorStatusAsync(string id, string purpose) => DecideAsync(id, purpose, explain: false);

    private async ValueTask<PictureStatus> DecideAsync(string id, string purpose, bool explain)
    {
        var item = await FindAsync(id);
        if (item is null)
        {
            string[] missing = explain ? [$"The picture {ShortText.Of(id, MediaEntry.NameLength)} is not in the media library."] : [];
            return new PictureStatus(id, null, false, missing, null);
        }
        var reasons = explain ? new List<string>() : null;
        var blocked = false;
        if (item.IsUnreviewed)
        {
            blocked = true;
            // A document (a newsletter full of photos is the common case) is gated exactly like a picture.
            reasons?.Add(item.IsPicture
                ? $"'{item.Name}' is unreviewed: say who is in it, or that nobody can be identified."
                : $"'{item.Name}' (a document) is unreviewed: say who appears in it, or a colleague with the consent permission confirms that nobody can be identified.");
        }
        if (item.IsPicture && string.IsNullOrWhiteSpace(item.AltText))
        {
            blocked = true;
            reasons?.Add($"'{item.Name}' has no alt text: describe it for people who cannot see it, in its details in the media library.");
        }
        DateTimeOffset? lapses = null;
        if (item.People.Count > MediaItem.MaxPeople)
        {
            // Only an old row or a path around the library's limits can name more: it stays blocked until it is described again.
            blocked = true;
            reasons?.Add(string.Create(CultureInfo.InvariantCulture,
                $"'{item.Name}' names {item.People.Count:N0} people, more than the {MediaItem.MaxPeople:N0} one item may: say again who is in it."));
        }
        else if (item.People.Count > 0 && (explain || !blocked))
        {
            var clearance = services.GetService<IPictureClearance>();
            var decision = clearance is null
                ? PeopleClearance.Unavailable
                : await PeopleClearance.DecideAsync(clearance, item.People, purpose, explain);
            blocked |= !decision.Cleared;
            reasons?.AddRange(decision.Reasons.Select(r => $"'{item.Name}': {r}"));
            lapses = decision.Lapses;
        }
        return new PictureStatus(id, item, !blocked, reasons ?? [], blocked ? null : lapses);
    }

    private async Task<Index> LoadAsync()
    {
        var items = await db.Items.AsNoTracking().ToListAsync();
        return new Index(items.ToFrozenDictionary(i => i.Id, MediaEntry.Of));
    }
}
