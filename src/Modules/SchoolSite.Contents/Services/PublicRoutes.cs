using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Contents.Services;

/// <summary>
/// The public addresses of a school: path → published item, and old path → item (301). Held in the
/// tenant's shell and rebuilt after a publish, unpublish or delete, so a page view looks up a dictionary.
/// </summary>
public sealed class PublicRoutes(ContentsDbContext db, TenantContext tenant)
{
    public sealed record Table(FrozenDictionary<string, string> Items, FrozenDictionary<string, string> Redirects, FrozenDictionary<string, string> PathOfItem);

    public Task<Table> GetAsync() => tenant.Shell.GetOrLoadAsync(LoadAsync);

    public static void Evict(TenantShell shell)
    {
        shell.Evict<Table>();
        // Menu links are resolved through the routes.
        SiteMenu.Evict(shell);
    }

    private async Task<Table> LoadAsync()
    {
        var items = await db.ContentItems.AsNoTracking().Where(i => i.Published && i.DeletedUtc == null && i.Path != null)
            .Select(i => new { i.Path, i.ContentItemId }).ToListAsync();
        var redirects = await db.Redirects.AsNoTracking().ToListAsync();
        return new Table(
            items.ToFrozenDictionary(i => i.Path!, i => i.ContentItemId, StringComparer.Ordinal),
            redirects.ToFrozenDictionary(r => r.Path, r => r.ContentItemId, StringComparer.Ordinal),
            items.ToFrozenDictionary(i => i.ContentItemId, i => i.Path!, StringComparer.Ordinal));
    }
}
