using Microsoft.AspNetCore.OutputCaching;
using SchoolSite.Contents;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Site.Services;

/// <summary>
/// Keeps cached public pages true to the school's event path: publishing, unpublishing or deleting an item
/// evicts its own page and the pages listing its type (home, lists, feed, sitemap); a person or a picture
/// evicts every page that could show them; the menu, settings, templates and content types are on every page.
/// </summary>
public sealed class PageCacheEviction(IOutputCacheStore store, TenantContext tenant, ContentDefinitionStore definitions) :
    ISchoolEventHandler<ContentPublished>, ISchoolEventHandler<ContentUnpublished>, ISchoolEventHandler<ContentRemoved>,
    ISchoolEventHandler<PersonChanged>, ISchoolEventHandler<PictureChanged>,
    ISchoolEventHandler<SettingsChanged>, ISchoolEventHandler<TemplatesChanged>, ISchoolEventHandler<ContentDefinitionsChanged>
{
    private string School => tenant.Tenant.Name;

    public Task HandleAsync(IReadOnlyList<ContentPublished> events, CancellationToken cancellationToken)
        => ItemsAsync(events.Select(e => (e.ContentItemId, e.ContentType)), cancellationToken);

    public Task HandleAsync(IReadOnlyList<ContentUnpublished> events, CancellationToken cancellationToken)
        => ItemsAsync(events.Select(e => (e.ContentItemId, e.ContentType)), cancellationToken);

    public Task HandleAsync(IReadOnlyList<ContentRemoved> events, CancellationToken cancellationToken)
        => ItemsAsync(events.Select(e => (e.ContentItemId, e.ContentType)), cancellationToken);

    /// <summary>A person's consent, status or flag changed: every page that could show them is rendered afresh.</summary>
    public Task HandleAsync(IReadOnlyList<PersonChanged> events, CancellationToken cancellationToken)
        => EvictAsync(events.Select(e => PublicPageCache.PersonTag(School, e.PersonId)), cancellationToken);

    /// <summary>Who is in a picture, or its alt text, changed.</summary>
    public Task HandleAsync(IReadOnlyList<PictureChanged> events, CancellationToken cancellationToken)
        => EvictAsync(events.Select(e => PublicPageCache.MediaTag(School, e.MediaId)), cancellationToken);

    public Task HandleAsync(IReadOnlyList<SettingsChanged> events, CancellationToken cancellationToken) => SchoolAsync(cancellationToken);

    public Task HandleAsync(IReadOnlyList<TemplatesChanged> events, CancellationToken cancellationToken) => SchoolAsync(cancellationToken);

    public Task HandleAsync(IReadOnlyList<ContentDefinitionsChanged> events, CancellationToken cancellationToken) => SchoolAsync(cancellationToken);

    private async Task ItemsAsync(IEnumerable<(string Id, string Type)> items, CancellationToken cancellationToken)
    {
        var set = await definitions.GetAsync();
        var list = items.ToList();
        if (list.Any(i => set.Type(i.Type)?.Has(KnownParts.Menu) == true))
        {
            // The menu is on every page.
            await SchoolAsync(cancellationToken);
            return;
        }
        await EvictAsync(list.SelectMany(i => new[] { PublicPageCache.ItemTag(School, i.Id), PublicPageCache.TypeTag(School, i.Type) }), cancellationToken);
    }

    private Task SchoolAsync(CancellationToken cancellationToken) => EvictAsync([PublicPageCache.TenantTag(School)], cancellationToken);

    private async Task EvictAsync(IEnumerable<string> tags, CancellationToken cancellationToken)
    {
        foreach (var tag in tags.Distinct())
        {
            await store.EvictByTagAsync(tag, cancellationToken);
        }
    }
}
