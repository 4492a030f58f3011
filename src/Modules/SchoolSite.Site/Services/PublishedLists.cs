using System.Collections.Concurrent;
using SchoolSite.Contents;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Events;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Site.Services;

/// <summary>
/// The public site's lists (the home page's latest news and events, the news list's first pages, the feed), kept per
/// school in its shell and read again after any publish, unpublish or delete, on every node (the event path): a home
/// page costs dictionary look-ups instead of queries. Pages far down a list are read from the database each time, so a
/// crawler asking for page 900 fills nothing. While the node is out of sync with the others nothing is kept.
/// </summary>
public sealed class PublishedLists(ContentQueries queries, TenantContext tenant)
    : ISchoolEventHandler<ContentPublished>, ISchoolEventHandler<ContentUnpublished>, ISchoolEventHandler<ContentRemoved>
{
    /// <summary>How many pages of a list are kept.</summary>
    public const int KeptPages = 5;

    // With the routes, before the pages are evicted.
    public int Order => -100;

    public Task<ContentPage> PublishedAsync(IReadOnlyCollection<string> types, int page, int pageSize)
    {
        if (page > KeptPages)
        {
            return queries.PublishedAsync(types, page, pageSize);
        }
        var key = string.Join(',', types.Order(StringComparer.Ordinal)) + "|" + page + "|" + pageSize;
        return tenant.Shell.GetOrAdd(() => new Kept()).Pages.GetOrAdd(key, _ => new Lazy<Task<ContentPage>>(() => queries.PublishedAsync(types, page, pageSize))).Value;
    }

    public Task HandleAsync(IReadOnlyList<ContentPublished> events, CancellationToken cancellationToken) => ForgetAsync();

    public Task HandleAsync(IReadOnlyList<ContentUnpublished> events, CancellationToken cancellationToken) => ForgetAsync();

    public Task HandleAsync(IReadOnlyList<ContentRemoved> events, CancellationToken cancellationToken) => ForgetAsync();

    private Task ForgetAsync()
    {
        tenant.Shell.Evict<Kept>();
        return Task.CompletedTask;
    }

    private sealed class Kept
    {
        public ConcurrentDictionary<string, Lazy<Task<ContentPage>>> Pages { get; } = new(StringComparer.Ordinal);
    }
}
