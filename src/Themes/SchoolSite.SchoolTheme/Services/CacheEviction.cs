using Microsoft.AspNetCore.OutputCaching;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.SchoolTheme.Services;

/// <summary>
/// Publishing, unpublishing or deleting an item evicts the pages that show it: its own page and the
/// pages listing its type (home, lists, feed, sitemap). The menu and settings are on every page.
/// </summary>
public sealed class CacheEviction(IOutputCacheStore store, TenantContext tenant) : IContentHandler, ISiteSettingsObserver, IPictureObserver
{
    public Task PublishedAsync(PublishContentContext context) => EvictAsync(context);

    public Task UnpublishedAsync(ContentContext context) => EvictAsync(context);

    public Task RemovedAsync(ContentContext context) => EvictAsync(context);

    /// <summary>A person's consent, status or flag changed: every page that could show them is rendered afresh.</summary>
    public async Task PersonChangedAsync(string personId)
        => await store.EvictByTagAsync(PublicPageCache.PersonTag(tenant.Tenant.Name, personId), default);

    /// <summary>Who is in a picture, or its alt text, changed.</summary>
    public async Task MediaChangedAsync(string mediaId)
        => await store.EvictByTagAsync(PublicPageCache.MediaTag(tenant.Tenant.Name, mediaId), default);

    public async Task SettingsChangedAsync() => await EvictTenantAsync(tenant.Tenant.Name);

    public async Task EvictTenantAsync(string tenantName) => await store.EvictByTagAsync(PublicPageCache.TenantTag(tenantName), default);

    private async Task EvictAsync(ContentContext context)
    {
        var name = tenant.Tenant.Name;
        if (context.Type.Has(Contents.Models.KnownParts.Menu))
        {
            await EvictTenantAsync(name);
            return;
        }
        await store.EvictByTagAsync(PublicPageCache.ItemTag(name, context.Item.ContentItemId), default);
        await store.EvictByTagAsync(PublicPageCache.TypeTag(name, context.Item.ContentType), default);
    }
}
