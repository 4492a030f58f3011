using System.Collections.Frozen;
using SchoolSite.Contents;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Events;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Site.Services;

/// <summary>
/// The public addresses of a school: path → published item, and old path → item (301). Held in the
/// school's shell and read again after a publish, unpublish or delete, so a page view looks up a dictionary.
/// </summary>
public sealed class PublicRoutes(ContentQueries content, TenantContext tenant)
    : ISchoolEventHandler<ContentPublished>, ISchoolEventHandler<ContentUnpublished>, ISchoolEventHandler<ContentRemoved>
{
    public sealed record Table(FrozenDictionary<string, string> Items, FrozenDictionary<string, string> Redirects, FrozenDictionary<string, string> PathOfItem);

    public Task<Table> GetAsync() => tenant.Shell.GetOrLoadAsync(LoadAsync);

    // Before the pages are evicted: they are rendered again from the new table.
    public int Order => -100;

    public Task HandleAsync(IReadOnlyList<ContentPublished> events, CancellationToken cancellationToken) => ForgetAsync();

    public Task HandleAsync(IReadOnlyList<ContentUnpublished> events, CancellationToken cancellationToken) => ForgetAsync();

    public Task HandleAsync(IReadOnlyList<ContentRemoved> events, CancellationToken cancellationToken) => ForgetAsync();

    private Task ForgetAsync()
    {
        tenant.Shell.Evict<Table>();
        // Menu links are resolved through the routes.
        tenant.Shell.Evict<SiteMenu.Links>();
        return Task.CompletedTask;
    }

    private async Task<Table> LoadAsync()
    {
        var (paths, moved) = await content.AddressesAsync();
        return new Table(
            paths.ToFrozenDictionary(i => i.Path, i => i.ContentItemId, StringComparer.Ordinal),
            moved.ToFrozenDictionary(r => r.Path, r => r.ContentItemId, StringComparer.Ordinal),
            paths.ToFrozenDictionary(i => i.ContentItemId, i => i.Path, StringComparer.Ordinal));
    }
}
