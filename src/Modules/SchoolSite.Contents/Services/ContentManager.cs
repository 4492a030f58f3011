using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;

namespace SchoolSite.Contents.Services;

public enum VersionOption
{
    Latest,
    Published,
}

/// <summary>
/// The one path for every change to content: create, save a draft, publish, unpublish, remove, restore.
/// The admin, the API, recipes and the scheduler all come here, so every content handler — including a
/// <c>Publishing</c> veto — applies to all of them, and every change that reaches the site is announced
/// once on the school's event path.
/// </summary>
public sealed class ContentManager(
    ContentsDbContext db,
    ContentDefinitionStore definitions,
    IEnumerable<IContentHandler> handlers,
    SchoolEvents events,
    TimeProvider time)
{
    /// <summary>A deleted item can be restored for this long.</summary>
    public static readonly TimeSpan RestoreWindow = TimeSpan.FromDays(30);

    // Each handler says where it runs (parts shape an item before other modules check it).
    private readonly IContentHandler[] _handlers = handlers.OrderBy(h => h.Order).ToArray();

    public async Task<ContentItem?> GetAsync(string contentItemId, VersionOption version)
        => await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.ContentItemId == contentItemId && i.DeletedUtc == null
            && (version == VersionOption.Latest ? i.Latest : i.Published));

    public async Task<ContentItem?> GetVersionAsync(string contentItemVersionId)
        => await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(i => i.ContentItemVersionId == contentItemVersionId && i.DeletedUtc == null);

    public async Task<IReadOnlyList<ContentItem>> VersionsAsync(string contentItemId)
        => await db.ContentItems.AsNoTracking().Where(i => i.ContentItemId == contentItemId && i.DeletedUtc == null)
            .OrderByDescending(i => i.VersionNumber).ToListAsync();

    public async Task<ContentResult> CreateAsync(string contentType, JsonObject parts, Actor actor, string? contentItemId = null)
    {
        var set = await definitions.GetAsync();
        var type = set.Type(contentType);
        if (type is null)
        {
            return ContentResult.Fail(ContentOutcome.Invalid, "contentType", $"There is no content type '{contentType}'.");
        }
        if (contentItemId is not null && await db.ContentItems.AnyAsync(i => i.ContentItemId == contentItemId))
        {
            return ContentResult.Fail(ContentOutcome.Conflict, "ContentItemId", $"There is already a content item '{contentItemId}'.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        var item = new ContentItem
        {
            ContentItemId = contentItemId ?? IdGenerator.New(),
            ContentItemVersionId = IdGenerator.New(),
            ContentType = type.Name,
            Latest = true,
            Owner = actor.UserId,
            Author = actor.Name,
            CreatedUtc = now,
            ModifiedUtc = now,
            Revision = 1,
            VersionNumber = 1,
        };
        var unknown = Merge(item, parts, type);
        if (unknown is not null)
        {
            return unknown;
        }
        var context = new UpdateContentContext(item, type, set, actor);
        await InvokeAsync(h => h.CreatingAsync(context));
        await InvokeAsync(h => h.UpdatingAsync(context));
        if (context.Errors.Count > 0)
        {
            return new ContentResult(ContentOutcome.Invalid, null, context.Errors);
        }
        item.Flush();
        db.ContentItems.Add(item);
        await db.SaveChangesAsync();
        await InvokeAsync(h => h.CreatedAsync(context));
        return ContentResult.Ok(item);
    }

    /// <summary>Saves parts into the item's draft. <paramref name="baseRevision"/> is the revision the editor started from.</summary>
    public async Task<ContentResult> UpdateAsync(string contentItemId, JsonObject parts, int baseRevision, Actor actor)
    {
        var latest = await db.ContentItems.FirstOrDefaultAsync(i => i.ContentItemId == contentItemId && i.Latest && i.DeletedUtc == null);
        if (latest is null)
        {
            return NotFound(contentItemId);
        }
        if (latest.Revision != baseRevision)
        {
            return Stale(latest, baseRevision);
        }
        var set = await definitions.GetAsync();
        var type = set.Type(latest.ContentType)!;
        var draft = latest.Published ? await NewDraftAsync(latest) : latest;
        var unknown = Merge(draft, parts, type);
        if (unknown is not null)
        {
            return unknown;
        }
        var context = new UpdateContentContext(draft, type, set, actor);
        await InvokeAsync(h => h.UpdatingAsync(context));
        if (context.Errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new ContentResult(ContentOutcome.Invalid, null, context.Errors);
        }
        draft.Flush();
        draft.ModifiedUtc = time.GetUtcNow().UtcDateTime;
        draft.Author = actor.Name;
        draft.Revision = baseRevision + 1;
        if (!await SaveAsync())
        {
            return Stale(latest, baseRevision);
        }
        await InvokeAsync(h => h.UpdatedAsync(context));
        return ContentResult.Ok(draft);
    }

    /// <summary>
    /// Publishes the latest version. Every <c>Publishing</c> handler is asked first and any of them can
    /// veto with a reason. With <paramref name="baseRevision"/>, only the exact revision the caller saw is published.
    /// <paramref name="publishedUtc"/> is for imports (recipes) that carry an item's original publishing date.
    /// </summary>
    public async Task<ContentResult> PublishAsync(string contentItemId, Actor actor, int? baseRevision = null, DateTime? publishedUtc = null)
    {
        var versions = await db.ContentItems.Where(i => i.ContentItemId == contentItemId && i.DeletedUtc == null && (i.Latest || i.Published)).ToListAsync();
        var latest = versions.FirstOrDefault(v => v.Latest);
        if (latest is null)
        {
            return NotFound(contentItemId);
        }
        if (baseRevision is { } expected && latest.Revision != expected)
        {
            return Stale(latest, expected);
        }
        if (latest.Published)
        {
            return ContentResult.Ok(latest);
        }
        var previous = versions.FirstOrDefault(v => v.Published);
        var set = await definitions.GetAsync();
        var context = new PublishContentContext(latest, set.Type(latest.ContentType)!, set, actor, previous is null ? null : Snapshot(previous));
        await InvokeAsync(h => h.PublishingAsync(context));
        if (context.Vetoes.Count > 0)
        {
            SchoolSite.Core.Diagnostics.SchoolSiteMetrics.PublishVetoed(latest.ContentType);
            await events.RaiseAsync(new ContentVetoed(latest.ContentItemId, latest.ContentType, latest.DisplayText, actor.Name, context.Vetoes.Distinct().ToList()));
            return new ContentResult(ContentOutcome.Vetoed, null, new Dictionary<string, string[]> { ["publish"] = context.Vetoes.ToArray() });
        }
        var now = time.GetUtcNow().UtcDateTime;
        var revision = latest.Revision + 1;
        if (previous is not null)
        {
            previous.Published = false;
            previous.Revision = revision;
        }
        latest.Published = true;
        latest.PublishedUtc = publishedUtc ?? now;
        latest.Revision = revision;
        var publishedEvent = new ContentPublished(latest.ContentItemId, latest.ContentType, latest.DisplayText, actor.Name);
        events.Stage(db, publishedEvent);
        if (!await SaveAsync())
        {
            return Stale(latest, latest.Revision);
        }
        await InvokeAsync(h => h.PublishedAsync(context));
        await events.RaiseAsync(publishedEvent);
        return ContentResult.Ok(latest);
    }

    public async Task<ContentResult> UnpublishAsync(string contentItemId, Actor actor)
    {
        var versions = await db.ContentItems.Where(i => i.ContentItemId == contentItemId && i.DeletedUtc == null && (i.Latest || i.Published)).ToListAsync();
        var latest = versions.FirstOrDefault(v => v.Latest);
        var published = versions.FirstOrDefault(v => v.Published);
        if (latest is null)
        {
            return NotFound(contentItemId);
        }
        if (published is null)
        {
            return ContentResult.Ok(latest);
        }
        var set = await definitions.GetAsync();
        var context = new ContentContext(published, set.Type(published.ContentType)!, set, actor);
        await InvokeAsync(h => h.UnpublishingAsync(context));
        var revision = latest.Revision + 1;
        published.Published = false;
        published.Revision = revision;
        latest.Revision = revision;
        var unpublished = new ContentUnpublished(published.ContentItemId, published.ContentType, published.DisplayText, actor.Name);
        events.Stage(db, unpublished);
        if (!await SaveAsync())
        {
            return Stale(latest, latest.Revision);
        }
        await InvokeAsync(h => h.UnpublishedAsync(context));
        await events.RaiseAsync(unpublished);
        return ContentResult.Ok(latest);
    }

    /// <summary>Deletes an item softly: it leaves the site and the lists at once and can be restored for 30 days.</summary>
    public async Task<ContentResult> RemoveAsync(string contentItemId, Actor actor)
    {
        var versions = await db.ContentItems.Where(i => i.ContentItemId == contentItemId && i.DeletedUtc == null).ToListAsync();
        var latest = versions.FirstOrDefault(v => v.Latest);
        if (latest is null)
        {
            return NotFound(contentItemId);
        }
        var set = await definitions.GetAsync();
        var context = new ContentContext(versions.FirstOrDefault(v => v.Published) ?? latest, set.Type(latest.ContentType)!, set, actor);
        await InvokeAsync(h => h.RemovingAsync(context));
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var version in versions)
        {
            version.DeletedUtc = now;
            version.Published = false;
            version.Revision = latest.Revision + 1;
        }
        var removed = new ContentRemoved(latest.ContentItemId, latest.ContentType, latest.DisplayText, actor.Name);
        events.Stage(db, removed);
        if (!await SaveAsync())
        {
            return Stale(latest, latest.Revision);
        }
        await InvokeAsync(h => h.RemovedAsync(context));
        await events.RaiseAsync(removed);
        return ContentResult.Ok(latest);
    }

    /// <summary>Brings back a deleted item as a draft, within 30 days of its deletion.</summary>
    public async Task<ContentResult> RestoreAsync(string contentItemId, Actor actor)
    {
        var versions = await db.ContentItems.Where(i => i.ContentItemId == contentItemId && i.DeletedUtc != null).ToListAsync();
        var latest = versions.FirstOrDefault(v => v.Latest);
        if (latest is null)
        {
            return NotFound(contentItemId);
        }
        if (latest.DeletedUtc!.Value + RestoreWindow < time.GetUtcNow().UtcDateTime)
        {
            return ContentResult.Fail(ContentOutcome.NotFound, "contentItemId", $"'{latest.DisplayText}' was deleted more than {RestoreWindow.TotalDays} days ago and cannot be restored.");
        }
        if (latest.Path is { } path && await db.ContentItems.AnyAsync(i => i.Path == path && i.ContentItemId != contentItemId && i.DeletedUtc == null && (i.Latest || i.Published)))
        {
            return ContentResult.Fail(ContentOutcome.Conflict, "AutoroutePart.Path", $"Its address /{path} is now used by another item; change that item's address first.");
        }
        foreach (var version in versions)
        {
            version.DeletedUtc = null;
            version.Revision = latest.Revision + 1;
        }
        var restored = new ContentRestored(latest.ContentItemId, latest.ContentType, latest.DisplayText, actor.Name);
        events.Stage(db, restored);
        if (!await SaveAsync())
        {
            return Stale(latest, latest.Revision);
        }
        await events.RaiseAsync(restored);
        return ContentResult.Ok(latest);
    }

    /// <summary>Makes an older version the new draft (its content copied), leaving the history as it was.</summary>
    public async Task<ContentResult> RestoreVersionAsync(string contentItemId, string contentItemVersionId, int baseRevision, Actor actor)
    {
        var old = await GetVersionAsync(contentItemVersionId);
        if (old is null || old.ContentItemId != contentItemId)
        {
            return ContentResult.Fail(ContentOutcome.NotFound, "contentItemVersionId", "There is no such version of this item.");
        }
        return await UpdateAsync(contentItemId, old.Content, baseRevision, actor);
    }

    /// <summary>Runs one stage of every content handler, in their declared order.</summary>
    private async Task InvokeAsync(Func<IContentHandler, Task> stage)
    {
        foreach (var handler in _handlers)
        {
            await stage(handler);
        }
    }

    private async Task<ContentItem> NewDraftAsync(ContentItem published)
    {
        var maxVersion = await db.ContentItems.Where(i => i.ContentItemId == published.ContentItemId).MaxAsync(i => i.VersionNumber);
        var draft = new ContentItem
        {
            ContentItemId = published.ContentItemId,
            ContentItemVersionId = IdGenerator.New(),
            ContentType = published.ContentType,
            DisplayText = published.DisplayText,
            Latest = true,
            Published = false,
            Owner = published.Owner,
            Author = published.Author,
            CreatedUtc = published.CreatedUtc,
            ModifiedUtc = published.ModifiedUtc,
            PublishedUtc = published.PublishedUtc,
            Revision = published.Revision,
            VersionNumber = maxVersion + 1,
            Path = published.Path,
            Data = published.Data,
        };
        // The published version keeps serving; it is simply no longer the latest. Bumping its revision
        // makes a second editor who started from the same revision fail instead of forking the item.
        published.Latest = false;
        published.Revision += 1;
        db.ContentItems.Add(draft);
        return draft;
    }

    private static ContentResult? Merge(ContentItem item, JsonObject parts, ContentTypeDefinition type)
    {
        foreach (var (name, value) in parts)
        {
            if (type.Parts.All(p => p.Name != name))
            {
                return ContentResult.Fail(ContentOutcome.Invalid, name,
                    $"'{type.DisplayName}' has no part '{name}'. Its parts are: {string.Join(", ", type.Parts.Select(p => p.Name))}.");
            }
            if (value is not JsonObject)
            {
                return ContentResult.Fail(ContentOutcome.Invalid, name, $"'{name}' must be a JSON object.");
            }
            item.Content[name] = value.DeepClone();
        }
        return null;
    }

    private async Task<bool> SaveAsync()
    {
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private static ContentItem Snapshot(ContentItem item) => new()
    {
        ContentItemId = item.ContentItemId,
        ContentItemVersionId = item.ContentItemVersionId,
        ContentType = item.ContentType,
        DisplayText = item.DisplayText,
        Path = item.Path,
        Data = item.Data,
        PublishedUtc = item.PublishedUtc,
    };

    private static ContentResult NotFound(string id)
        => ContentResult.Fail(ContentOutcome.NotFound, "contentItemId", $"There is no content item '{id}'.");

    private static ContentResult Stale(ContentItem latest, int baseRevision)
        => ContentResult.Fail(ContentOutcome.Conflict, "revision",
            $"'{latest.DisplayText}' was changed by {latest.Author ?? "someone else"} after you opened it (you started from revision {baseRevision}, it is now at {latest.Revision}). " +
            "Your changes were not saved and theirs are kept: reload to see them, then make your changes again.");
}
