using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Tenancy;
using SchoolSite.Statutory.Models;

namespace SchoolSite.Statutory.Services;

/// <summary>
/// In the content editor: which of the things the school must publish this page meets, and a link to choose them on
/// the checklist (opened with this page chosen in every item).
/// </summary>
public sealed class ChecklistEditorLink(StatutoryDbContext db, RequirementCatalog catalog, TenantContext tenant) : IContentEditorLinks
{
    public async Task<IReadOnlyList<ContentEditorLink>> LinksAsync(ContentItem item)
    {
        if (!tenant.Shell.IsEnabled(Manifest.StatutoryFeature) || item.Path is null)
        {
            return [];
        }
        var keys = await db.Links.AsNoTracking().Where(l => l.ContentItemId == item.ContentItemId).Select(l => l.RequirementKey).ToListAsync();
        var titles = (await catalog.AllAsync()).Where(r => keys.Contains(r.Key)).Select(r => r.Title).ToList();
        var url = $"/admin/statutory?item={Uri.EscapeDataString(item.ContentItemId)}";
        return [titles.Count == 0
            ? new ContentEditorLink("Say what this page meets of what we must publish", url)
            : new ContentEditorLink($"This page meets: {string.Join(", ", titles)}", url)];
    }
}
