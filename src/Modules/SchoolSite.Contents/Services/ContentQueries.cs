using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;

namespace SchoolSite.Contents.Services;

/// <summary>A published item's address, for the public site's route table.</summary>
public sealed record PublishedPath(string Path, string ContentItemId);

/// <summary>An old address that now answers with a 301 to the item.</summary>
public sealed record MovedPath(string Path, string ContentItemId);

/// <summary>
/// Reading content: the admin's lists, the public site's lists and addresses, and what other modules need
/// to know about items. Other modules ask here; only this module reads its tables.
/// </summary>
public sealed class ContentQueries(ContentsDbContext db)
{
    public async Task<ContentPage> ListAsync(ContentQuery query)
    {
        var items = db.ContentItems.AsNoTracking().Where(i => i.Latest && i.DeletedUtc == null);
        if (query.ContentType is { Length: > 0 } type)
        {
            items = items.Where(i => i.ContentType == type);
        }
        if (query.Owner is { Length: > 0 } owner)
        {
            items = items.Where(i => i.Owner == owner);
        }
        items = query.Status switch
        {
            ContentStatus.Published => items.Where(i => i.Published),
            ContentStatus.Draft => items.Where(i => !i.Published),
            _ => items,
        };
        if (query.Search is { Length: > 0 } search)
        {
            var pattern = "%" + search.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            items = items.Where(i => EF.Functions.Like(i.DisplayText.ToLower(), pattern.ToLower(), "\\"));
        }
        var total = await items.CountAsync();
        var page = Math.Max(1, query.Page);
        var list = await items.OrderByDescending(i => i.ModifiedUtc).ThenBy(i => i.Id)
            .Skip((page - 1) * query.PageSize).Take(query.PageSize).ToListAsync();
        return new ContentPage(list, total, page, query.PageSize);
    }

    /// <summary>Published items of the given types, newest first (the news list, the home page).</summary>
    public async Task<ContentPage> PublishedAsync(IReadOnlyCollection<string> types, int page, int pageSize)
    {
        var items = db.ContentItems.AsNoTracking().Where(i => i.Published && i.DeletedUtc == null && types.Contains(i.ContentType));
        var total = await items.CountAsync();
        page = Math.Max(1, page);
        var list = await items.OrderByDescending(i => i.PublishedUtc).ThenByDescending(i => i.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
        return new ContentPage(list, total, page, pageSize);
    }

    /// <summary>Every published item that has an address, and every old address that moved.</summary>
    public async Task<(IReadOnlyList<PublishedPath> Paths, IReadOnlyList<MovedPath> Moved)> AddressesAsync()
    {
        var paths = await db.ContentItems.AsNoTracking().Where(i => i.Published && i.DeletedUtc == null && i.Path != null)
            .Select(i => new PublishedPath(i.Path!, i.ContentItemId)).ToListAsync();
        var moved = await db.Redirects.AsNoTracking().Select(r => new MovedPath(r.Path, r.ContentItemId)).ToListAsync();
        return (paths, moved);
    }

    /// <summary>The first published item of a type (the site's menu).</summary>
    public Task<ContentItem?> FirstPublishedAsync(string contentType)
        => db.ContentItems.AsNoTracking().Where(i => i.ContentType == contentType && i.Published && i.DeletedUtc == null)
            .OrderBy(i => i.Id).FirstOrDefaultAsync();

    /// <summary>The current versions of every item, deleted ones included: the latest draft and the published version.</summary>
    public async Task<IReadOnlyList<ContentItem>> CurrentVersionsAsync()
        => await db.ContentItems.AsNoTracking().Where(i => i.Latest || i.Published).ToListAsync();

    /// <summary>The current versions (latest draft and published) of these items, not deleted ones: one query for a list of them.</summary>
    public async Task<IReadOnlyList<ContentItem>> CurrentVersionsAsync(IReadOnlyCollection<string> contentItemIds)
        => contentItemIds.Count == 0 ? []
            : await db.ContentItems.AsNoTracking()
                .Where(i => (i.Latest || i.Published) && i.DeletedUtc == null && contentItemIds.Contains(i.ContentItemId)).ToListAsync();

    /// <summary>Items deleted since <paramref name="since"/>, newest first: the ones that can still be restored.</summary>
    public async Task<ContentPage> DeletedAsync(DateTime since, int page, int pageSize)
    {
        var deleted = db.ContentItems.AsNoTracking().Where(i => i.Latest && i.DeletedUtc != null && i.DeletedUtc > since);
        var total = await deleted.CountAsync();
        page = Math.Max(1, page);
        var list = await deleted.OrderByDescending(i => i.DeletedUtc).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync();
        return new ContentPage(list, total, page, pageSize);
    }
}

public enum ContentStatus
{
    All,
    Draft,
    Published,
}

public sealed record ContentQuery(string? ContentType = null, ContentStatus Status = ContentStatus.All, string? Owner = null, string? Search = null, int Page = 1, int PageSize = 20);

public sealed record ContentPage(IReadOnlyList<ContentItem> Items, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
