using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Media.Services;

namespace SchoolSite.Consent.Services;

/// <summary>
/// One place a person's pictures are used: on the site or waiting to be (with its real state now, such as
/// "published, picture hidden"), and the copies outside the website the item records (social media, newsletters).
/// </summary>
public sealed record TakedownEntry(string Kind, string Id, string Title, string Status, string? Url, IReadOnlyList<string> Pictures)
{
    /// <summary>What a visitor gets now: "published, picture hidden", "draft, not on the site"…</summary>
    public string State { get; init; } = Status;

    /// <summary>Copies outside the website, as the item records them.</summary>
    public IReadOnlyList<string> OffSite { get; init; } = [];
}

/// <summary>Somewhere a person's pictures may have been used. Content is the first; other kinds of use can add theirs.</summary>
public interface ITakedownSource
{
    Task<IReadOnlyList<TakedownEntry>> FindAsync(IReadOnlyList<MediaEntry> pictures);
}

/// <summary>
/// The standing takedown list. The website stops showing a picture by itself the moment consent narrows; every
/// copy outside it (a social-media post, a newsletter, the press) is put on this list for a person to take down,
/// and stays until someone marks it done. The DPO sees the count on every admin page until the list is empty.
/// </summary>
public sealed class Takedown(MediaPictures media, IEnumerable<ITakedownSource> sources, ConsentDbContext db, SchoolEvents events, TimeProvider time)
{
    public async Task<(IReadOnlyList<MediaEntry> Pictures, IReadOnlyList<TakedownEntry> Uses)> ForAsync(string personId)
    {
        var pictures = await media.ShowingAsync(personId);
        var uses = new List<TakedownEntry>();
        if (pictures.Count > 0)
        {
            foreach (var source in sources)
            {
                uses.AddRange(await source.FindAsync(pictures));
            }
        }
        return (pictures, uses);
    }

    /// <summary>
    /// After a person's consent narrowed (<paramref name="reason"/> says how): every copy of their pictures outside the
    /// website goes on the list, once (a copy already listed, done or not, is not listed again).
    /// </summary>
    public async Task OpenAsync(string personId, string reason, string actor)
    {
        var (_, uses) = await ForAsync(personId);
        var listed = (await db.TakedownTasks.AsNoTracking().Where(t => t.PersonId == personId).Select(t => new { t.ContentItemId, t.Place }).ToListAsync())
            .Select(t => (t.ContentItemId, t.Place)).ToHashSet();
        var now = time.GetUtcNow().UtcDateTime;
        var opened = new List<TakedownTask>();
        foreach (var use in uses)
        {
            foreach (var place in use.OffSite.Where(p => !listed.Contains((use.Id, p))))
            {
                opened.Add(new TakedownTask
                {
                    Id = IdGenerator.New(), PersonId = personId, ContentItemId = use.Id, ItemTitle = Cut(use.Title, 300), Place = Cut(place, 500),
                    Pictures = string.Join(", ", use.Pictures), Reason = Cut(reason, 500), CreatedUtc = now,
                });
            }
        }
        if (opened.Count == 0)
        {
            return;
        }
        db.TakedownTasks.AddRange(opened);
        await events.CommitAsync(db, opened.Select(t => new TakedownRecorded(personId, actor, "takedown-opened", $"{t.Place} ('{t.ItemTitle}'): {reason}")).ToList());
    }

    /// <summary>A copy was taken down (or found not to need it): who, when, and what they say.</summary>
    public async Task<TakedownTask?> MarkDoneAsync(string taskId, string actor, string? note)
    {
        var task = await db.TakedownTasks.FirstOrDefaultAsync(t => t.Id == taskId);
        if (task is null || task.IsDone)
        {
            return task;
        }
        task.DoneBy = actor;
        task.DoneUtc = time.GetUtcNow().UtcDateTime;
        task.Note = note?.Trim() is { Length: > 0 } text ? Cut(text, 2000) : null;
        await events.CommitAsync(db, new TakedownRecorded(task.PersonId, actor, "takedown-done", $"{task.Place} ('{task.ItemTitle}'){(task.Note is null ? "" : ": " + task.Note)}"));
        return task;
    }

    public async Task<IReadOnlyList<TakedownTask>> OpenTasksAsync()
        => await db.TakedownTasks.AsNoTracking().Where(t => t.DoneUtc == null).OrderBy(t => t.CreatedUtc).ToListAsync();

    public Task<int> OpenCountAsync() => db.TakedownTasks.CountAsync(t => t.DoneUtc == null);

    public async Task<IReadOnlyList<TakedownTask>> TasksForAsync(string personId)
        => await db.TakedownTasks.AsNoTracking().Where(t => t.PersonId == personId).OrderBy(t => t.DoneUtc != null).ThenByDescending(t => t.CreatedUtc).ToListAsync();

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}

/// <summary>
/// Content items whose current draft or published version uses any of the pictures, with their real state, and the
/// copies outside the website they record: a published item that uses pictures under another purpose (a social-media
/// post, with its channel and address), and the places listed in an "Also used in" field.
/// </summary>
public sealed class ContentTakedownSource(ContentQueries content, ContentDefinitionStore definitions, MediaPictures pictures) : ITakedownSource
{
    public const string UsedElsewhereField = "UsedElsewhere";

    public async Task<IReadOnlyList<TakedownEntry>> FindAsync(IReadOnlyList<MediaEntry> wanted)
    {
        var names = wanted.ToDictionary(p => p.Id, p => p.Name);
        var set = await definitions.GetAsync();
        var versions = await content.CurrentVersionsAsync();
        var uses = new List<TakedownEntry>();
        foreach (var item in versions.GroupBy(v => v.ContentItemId))
        {
            var found = item.SelectMany(v => ContentPictures.In(v, set, set.Type(v.ContentType))).Where(p => names.ContainsKey(p.MediaId)).ToList();
            if (found.Count == 0)
            {
                continue;
            }
            var latest = item.FirstOrDefault(v => v.Latest) ?? item.First();
            var published = item.FirstOrDefault(v => v.Published);
            var status = latest.DeletedUtc is not null ? "Deleted" : published is not null ? "Published" : "Draft";
            var ids = found.Select(p => p.MediaId).Distinct().ToList();
            uses.Add(new TakedownEntry("content", latest.ContentItemId, latest.DisplayText, status, published?.Path is { } path ? "/" + path : null,
                ids.Select(id => names[id]).ToList())
            {
                State = await StateAsync(status, ids),
                OffSite = OffSite(published ?? latest, found, published is not null),
            });
        }
        return uses;
    }

    private async Task<string> StateAsync(string status, IReadOnlyList<string> ids)
    {
        if (status != "Published")
        {
            return status == "Deleted" ? "deleted" : "draft, not on the site";
        }
        var shown = 0;
        foreach (var id in ids)
        {
            shown += (await pictures.StatusAsync(id, "website")).Shown ? 1 : 0;
        }
        return shown == 0 ? $"published, picture{(ids.Count == 1 ? "" : "s")} hidden" : $"published, {shown} of {ids.Count} picture(s) still shown";
    }

    private static IReadOnlyList<string> OffSite(ContentItem item, IReadOnlyList<ContentPicture> found, bool published)
    {
        var places = new List<string>();
        // Published for somewhere other than the website (the school's social media): the copy is out there.
        if (published)
        {
            var where = new[] { Field(item, "Channel", "Text"), Field(item, "PostedUrl", "Url") }.OfType<string>().ToList();
            foreach (var purpose in found.Select(p => p.Purpose).Where(p => p != "website").Distinct())
            {
                places.Add(where.Count == 0 ? purpose : $"{purpose}: {string.Join(", ", where)}");
            }
        }
        foreach (var part in item.Content.Select(p => p.Value).OfType<JsonObject>())
        {
            if (part[UsedElsewhereField]?["Text"] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                places.AddRange(text.Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }
        return places.Distinct().ToList();
    }

    private static string? Field(ContentItem item, string field, string property)
        => item.Content.Select(p => p.Value?[field]?[property]).OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null)
            .FirstOrDefault(s => !string.IsNullOrWhiteSpace(s));
}
