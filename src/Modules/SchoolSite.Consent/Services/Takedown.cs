using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Media.Services;

namespace SchoolSite.Consent.Services;

/// <summary>One place a person's pictures are used: on the site (or waiting to be), or copied elsewhere.</summary>
public sealed record TakedownEntry(string Kind, string Id, string Title, string Status, string? Url, IReadOnlyList<string> Pictures);

/// <summary>Somewhere a person's pictures may have been used. Content is the first; social-media post records add another.</summary>
public interface ITakedownSource
{
    Task<IReadOnlyList<TakedownEntry>> FindAsync(IReadOnlyList<MediaEntry> pictures);
}

/// <summary>
/// After a withdrawal, staff need every place the person's pictures were used, including drafts and
/// copies outside the site, so they can take them down too.
/// </summary>
public sealed class Takedown(MediaPictures media, IEnumerable<ITakedownSource> sources)
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
}

/// <summary>Content items whose current draft or published version uses any of the pictures.</summary>
public sealed class ContentTakedownSource(ContentQueries content, ContentDefinitionStore definitions) : ITakedownSource
{
    public async Task<IReadOnlyList<TakedownEntry>> FindAsync(IReadOnlyList<MediaEntry> pictures)
    {
        var names = pictures.ToDictionary(p => p.Id, p => p.Name);
        var set = await definitions.GetAsync();
        var versions = await content.CurrentVersionsAsync();
        var uses = new List<TakedownEntry>();
        foreach (var item in versions.GroupBy(v => v.ContentItemId))
        {
            var used = item.SelectMany(v => ContentPictures.In(v, set, set.Type(v.ContentType)))
                .Select(p => p.MediaId).Where(names.ContainsKey).Distinct().Select(id => names[id]).ToList();
            if (used.Count == 0)
            {
                continue;
            }
            var latest = item.FirstOrDefault(v => v.Latest) ?? item.First();
            var published = item.FirstOrDefault(v => v.Published);
            var status = latest.DeletedUtc is not null ? "Deleted" : published is not null ? "Published" : "Draft";
            uses.Add(new TakedownEntry("content", latest.ContentItemId, latest.DisplayText, status,
                published?.Path is { } path ? "/" + path : null, used));
        }
        return uses;
    }
}
