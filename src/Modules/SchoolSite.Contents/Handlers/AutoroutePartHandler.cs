using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;

namespace SchoolSite.Contents.Handlers;

/// <summary>
/// Each item's address: made from its title unless an editor gives one, unique in the school, and when
/// it changes on a published item the old address keeps answering with a 301 to the new one.
/// </summary>
public sealed class AutoroutePartHandler(ContentsDbContext db) : IContentHandler
{
    // After the title (the address is made from it).
    public int Order => -70;

    /// <summary>First segments the site itself answers (admin, sign-in, feeds), which no item may take.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "admin", "api", "login", "logout", "account", "access-denied", "assets", "media", "sitemap-xml", "robots-txt", "preview",
    };

    public async Task UpdatingAsync(UpdateContentContext context)
    {
        if (!context.Type.Has(KnownParts.Autoroute))
        {
            return;
        }
        var part = context.Item.Part(KnownParts.Autoroute);
        var given = (context.Item.Text(KnownParts.Autoroute, "Path") ?? string.Empty).Trim().Trim('/').ToLowerInvariant();
        var prefix = context.Type.Part(KnownParts.Autoroute)!.Setting<string>("AutoroutePartSettings", "Prefix")?.Trim('/');
        string path;
        if (given.Length > 0)
        {
            if (!Slugs.IsValidPath(given) || given.Length > 200)
            {
                context.AddError("AutoroutePart.Path", $"'{given}' is not a usable address: use lower-case letters, digits and dashes, with / between parts.");
                return;
            }
            if (Reserved.Contains(given.Split('/')[0]))
            {
                context.AddError("AutoroutePart.Path", $"Addresses starting with '{given.Split('/')[0]}' are used by the site itself; choose another.");
                return;
            }
            if (await TakenAsync(given, context.Item.ContentItemId))
            {
                context.AddError("AutoroutePart.Path", $"The address /{given} is already used by another item.");
                return;
            }
            path = given;
        }
        else
        {
            var slug = Slugs.From(context.Item.DisplayText);
            var basePath = string.Join('/', new[] { prefix, slug.Length > 0 ? slug : "item" }.Where(s => !string.IsNullOrEmpty(s)));
            if (Reserved.Contains(basePath.Split('/')[0]))
            {
                basePath = "page-" + basePath;
            }
            path = basePath;
            for (var n = 2; await TakenAsync(path, context.Item.ContentItemId); n++)
            {
                path = $"{basePath}-{n}";
            }
        }
        part["Path"] = path;
        context.Item.Path = path;
    }

    public async Task PublishedAsync(PublishContentContext context)
    {
        var path = context.Item.Path;
        var previous = context.Previous?.Path;
        if (previous is not null && previous != path)
        {
            var existing = await db.Redirects.FirstOrDefaultAsync(r => r.Path == previous);
            if (existing is null)
            {
                db.Redirects.Add(new ContentRedirect { Path = previous, ContentItemId = context.Item.ContentItemId });
            }
            else
            {
                existing.ContentItemId = context.Item.ContentItemId;
            }
        }
        if (path is not null)
        {
            await db.Redirects.Where(r => r.Path == path).ExecuteDeleteAsync();
        }
        await db.SaveChangesAsync();
    }

    private Task<bool> TakenAsync(string path, string contentItemId)
        => db.ContentItems.AnyAsync(i => i.Path == path && i.ContentItemId != contentItemId && i.DeletedUtc == null && (i.Latest || i.Published));
}
