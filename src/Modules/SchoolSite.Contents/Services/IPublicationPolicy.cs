using System.Security.Claims;
using SchoolSite.Contents.Models;

namespace SchoolSite.Contents.Services;

/// <summary>A published item as the public may see it now, and every picture and person it could have shown (for cache eviction).</summary>
public sealed record VisibleItem(ContentItem Item, IReadOnlyList<string> MediaIds, IReadOnlyList<string> PersonIds);

/// <summary>
/// What the public may see of published content, decided in one place (the public site module) and asked by
/// every public channel: pages, lists, feeds, the sitemap, the content API, files. Without it, nothing is public.
/// </summary>
public interface IPublicationPolicy
{
    /// <summary>Published items only some signed-in users may see (staff-only policies): left out of every list, feed and the sitemap.</summary>
    Task<IReadOnlySet<string>> RestrictedAsync();

    /// <summary>Whether this user may see a restricted item at all (everyone may see the rest).</summary>
    Task<bool> MayViewAsync(ClaimsPrincipal user, ContentItem item);

    /// <summary>
    /// The item with every picture and document that may not be shown now taken out of its fields, its body and its links,
    /// and (unless <paramref name="forStaff"/>) its staff-only fields left out.
    /// </summary>
    Task<VisibleItem> VisibleAsync(ContentItem item, bool forStaff = false);
}
