using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Models;

namespace SchoolSite.Media.Services;

/// <summary>Who is in a picture or document, as a person asks for it to be described, and why.</summary>
public sealed record MediaDescription(IReadOnlyList<string> People, bool NoIdentifiablePeople, string? Reason = null);

/// <summary>What became of a description: applied, or (the part that would show the item more widely) waiting for a second person.</summary>
public sealed record DescribeOutcome(bool Waiting, string Message);

/// <summary>
/// Adds uploads to the school's library (through the pipeline: nothing unprocessed is stored) and describes
/// them. No single person can make a child more visible: a change that narrows who may see an item (adding a
/// person, withdrawing "nobody identifiable") counts at once; one that widens it (taking a person out,
/// declaring that nobody can be identified) waits until a second person with the consent permission
/// confirms it, or the item that uses it is signed off by someone else. Both are audited with who and why.
/// </summary>
public sealed class MediaLibrary(MediaDbContext db, ImagePipeline pipeline, ProcessingGate gate, IMediaFileStore store, TenantContext tenant, TimeProvider time, SchoolEvents events,
    SchoolSite.Core.Jobs.JobAlarms alarms)
{
    public static readonly MediaLimits Limits = new();

    public async Task<(MediaItem? Item, string? Refusal)> UploadAsync(byte[] bytes, string? altText, string? caption, string? folder, string? uploadedBy,
        CancellationToken cancellationToken = default, string? id = null)
    {
        var result = await gate.RunAsync(() => pipeline.Process(bytes, Limits), cancellationToken);
        if (!result.Accepted)
        {
            return (null, result.Refusal);
        }
        id ??= IdGenerator.New();
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
        // All or nothing: the files are staged where nothing serves them, the row is saved, then the files are moved into
        // place. A failed save leaves no file; a crash in between leaves what MediaFileSweep finishes or removes.
        // The sweep is due before anything is staged, so files a crash leaves are settled even if nobody uses the school again.
        await alarms.WakeAsync<MediaFileSweep>(tenant.Tenant.Name, time.GetUtcNow() + MediaFileSweep.InProgress, cancellationToken);
        var staged = await store.StageAsync(tenant.Tenant.Name, id, result.Renditions, cancellationToken);
        db.Items.Add(item);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            db.Entry(item).State = EntityState.Detached;
            await store.DiscardAsync(tenant.Tenant.Name, staged, CancellationToken.None);
            throw;
        }
        await store.PlaceAsync(tenant.Tenant.Name, staged, CancellationToken.None);
        await events.RaiseAsync(new PictureChanged(item.Id), cancellationToken);
        return (item, null);
    }

    public Task<MediaItem?> FindAsync(string id) => db.Items.FirstOrDefaultAsync(i => i.Id == id);

    /// <summary>
    /// Saves the item's description (alt text and caption set on it by the caller, and who is in it): what narrows
    /// counts now; what would widen waits as a proposal for a second person. A new description of who is in it
    /// replaces any earlier proposal.
    /// </summary>
    public async Task<DescribeOutcome> DescribeAsync(MediaItem item, MediaDescription wanted, Actor actor)
    {
        var before = Describe(item.PeopleIds, item.NoIdentifiablePeople);
        var current = item.People.ToHashSet(StringComparer.Ordinal);
        var wantedPeople = wanted.People.Distinct(StringComparer.Ordinal).ToList();
        if (current.SetEquals(wantedPeople) && wanted.NoIdentifiablePeople == item.NoIdentifiablePeople)
        {
            // Nothing about who is in it changes (say, only the alt text did): a change already waiting keeps waiting.
            await SaveAsync(item, []);
            return new DescribeOutcome(item.HasProposal, "Saved.");
        }
        var removed = current.Except(wantedPeople).ToList();
        var declaresNobody = wanted.NoIdentifiablePeople && !item.NoIdentifiablePeople;

        // Narrowing counts at once: everyone named is added, and "nobody identifiable" can always be withdrawn.
        var people = item.People.Concat(wantedPeople.Where(p => !current.Contains(p))).ToList();
        item.PeopleIds = string.Join(',', people);
        item.NoIdentifiablePeople = item.NoIdentifiablePeople && wanted.NoIdentifiablePeople && people.Count == 0;
        var waiting = removed.Count > 0 || declaresNobody;
        var entries = new List<AuditEntry>();
        if (Describe(item.PeopleIds, item.NoIdentifiablePeople) != before)
        {
            entries.Add(new AuditEntry(actor.Name, "media", "people-tagged", Subject(item), before, Describe(item.PeopleIds, item.NoIdentifiablePeople)
                + (wanted.Reason is { Length: > 0 } why ? $" (why: {why})" : string.Empty)));
        }
        if (waiting)
        {
            Propose(item, wantedPeople, wanted.NoIdentifiablePeople && wantedPeople.Count == 0, actor, wanted.Reason);
            entries.Add(new AuditEntry(actor.Name, "media", "change-proposed", Subject(item), Describe(item.PeopleIds, item.NoIdentifiablePeople),
                $"{Describe(item.ProposedPeopleIds!, item.ProposedNobody!.Value)} (why: {wanted.Reason ?? "not said"}); waits for a second person"));
        }
        else
        {
            ClearProposal(item);
        }
        await SaveAsync(item, entries);
        return waiting
            ? new DescribeOutcome(true, "Saved. Taking someone out, or saying nobody can be identified, waits for a colleague with the consent permission " +
                "to confirm it (or for the sign-off of the item it is in); until then it is treated as before.")
            : new DescribeOutcome(false, "Saved.");
    }

    /// <summary>A second person confirms the waiting change; the one who proposed it cannot.</summary>
    public async Task<string?> ConfirmAsync(MediaItem item, Actor actor, string? how = null)
    {
        if (!item.HasProposal)
        {
            return "Nothing is waiting to be confirmed for this item.";
        }
        if (actor.UserId is null || actor.UserId == item.ProposedById)
        {
            return $"{item.ProposedByName} proposed this change, so a colleague must confirm it.";
        }
        var before = Describe(item.PeopleIds, item.NoIdentifiablePeople);
        (item.PeopleIds, item.NoIdentifiablePeople) = (item.ProposedPeopleIds ?? string.Empty, item.ProposedNobody!.Value);
        var proposer = item.ProposedByName;
        var reason = item.ProposedReason;
        ClearProposal(item);
        await SaveAsync(item, [new AuditEntry(actor.Name, "media", "change-confirmed", Subject(item), before,
            $"{Describe(item.PeopleIds, item.NoIdentifiablePeople)} (proposed by {proposer}, why: {reason ?? "not said"}){(how is null ? "" : "; " + how)}")]);
        return null;
    }

    /// <summary>A colleague turns the waiting change down: the item stays as it is.</summary>
    public async Task<string?> RejectAsync(MediaItem item, Actor actor)
    {
        if (!item.HasProposal)
        {
            return "Nothing is waiting to be confirmed for this item.";
        }
        var proposal = Describe(item.ProposedPeopleIds!, item.ProposedNobody!.Value);
        var proposer = item.ProposedByName;
        ClearProposal(item);
        await SaveAsync(item, [new AuditEntry(actor.Name, "media", "change-rejected", Subject(item), $"{proposal} (proposed by {proposer})",
            Describe(item.PeopleIds, item.NoIdentifiablePeople))]);
        return null;
    }

    /// <summary>An item using these pictures was signed off by <paramref name="approver"/>: the changes they saw waiting are confirmed, unless they proposed them.</summary>
    public async Task ConfirmForSignOffAsync(IEnumerable<string> mediaIds, Actor approver, string title)
    {
        var ids = mediaIds.Distinct().ToList();
        foreach (var item in await db.Items.Where(i => ids.Contains(i.Id) && i.ProposedNobody != null).ToListAsync())
        {
            await ConfirmAsync(item, approver, $"confirmed by signing off '{title}'");
        }
    }

    /// <summary>Sets who is in an item as the school itself (a recipe at set-up): no second person is asked for.</summary>
    public async Task SetBySchoolAsync(MediaItem item, IReadOnlyList<string> people, bool nobody, Actor actor)
    {
        var before = Describe(item.PeopleIds, item.NoIdentifiablePeople);
        (item.PeopleIds, item.NoIdentifiablePeople) = (string.Join(',', people), nobody && people.Count == 0);
        await SaveAsync(item, [new AuditEntry(actor.Name, "media", "people-tagged", Subject(item), before, Describe(item.PeopleIds, item.NoIdentifiablePeople))]);
    }

    private void Propose(MediaItem item, IReadOnlyList<string> people, bool nobody, Actor actor, string? reason)
    {
        item.ProposedPeopleIds = string.Join(',', people);
        item.ProposedNobody = nobody;
        item.ProposedById = actor.UserId;
        item.ProposedByName = actor.Name;
        item.ProposedUtc = time.GetUtcNow().UtcDateTime;
        item.ProposedReason = reason?.Trim() is { Length: > 0 } why ? why : null;
    }

    private static void ClearProposal(MediaItem item)
    {
        item.ProposedPeopleIds = null;
        item.ProposedNobody = null;
        item.ProposedById = item.ProposedByName = item.ProposedReason = null;
        item.ProposedUtc = null;
    }

    private Task SaveAsync(MediaItem item, IReadOnlyList<AuditEntry> entries)
        => events.CommitAsync(db, entries.Count == 0 ? [new PictureChanged(item.Id)] : entries.Select(e => new PictureChanged(item.Id, e)).ToList());

    private static string Subject(MediaItem item) => $"media:{item.Id}";

    private static string Describe(string peopleIds, bool nobody) => nobody ? "no identifiable people" : peopleIds.Length == 0 ? "unreviewed" : $"people: {peopleIds}";
}
