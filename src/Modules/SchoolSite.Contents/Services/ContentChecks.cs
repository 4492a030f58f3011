using SchoolSite.Contents.Models;

namespace SchoolSite.Contents.Services;

public enum CheckSeverity { Cleared, Lapsing, Warning, Blocked }

/// <summary>One finding about an item, shown to editors and reviewers: a picture's standing (with its media id), a privacy warning.</summary>
public sealed record ContentCheck(string Area, CheckSeverity Severity, string Message, string? Match = null, string? MediaId = null);

/// <summary>Looks over an item before it is published; modules add their checks (consent, privacy).</summary>
public interface IContentChecker
{
    Task<IReadOnlyList<ContentCheck>> CheckAsync(ContentItem item, ContentTypeDefinition type, ContentDefinitionSet definitions);
}

/// <summary>Runs every checker over an item.</summary>
public sealed class ContentChecks(IEnumerable<IContentChecker> checkers, ContentDefinitionStore store)
{
    public async Task<IReadOnlyList<ContentCheck>> CheckAsync(ContentItem item)
    {
        var definitions = await store.GetAsync();
        if (definitions.Type(item.ContentType) is not { } type)
        {
            return [];
        }
        var checks = new List<ContentCheck>();
        foreach (var checker in checkers)
        {
            checks.AddRange(await checker.CheckAsync(item, type, definitions));
        }
        return checks;
    }
}

/// <summary>A link a module adds to the content editor for an item (for example to its review).</summary>
public sealed record ContentEditorLink(string Text, string Url);

public interface IContentEditorLinks
{
    Task<IReadOnlyList<ContentEditorLink>> LinksAsync(ContentItem item);
}

/// <summary>
/// Published items that only some signed-in users may see (for example staff-only policies). The public
/// site leaves them out of lists, feeds and the sitemap, answers 404 to anyone else, and never caches them.
/// </summary>
public interface IRestrictedContent
{
    Task<IReadOnlySet<string>> RestrictedIdsAsync();

    Task<bool> MayViewAsync(System.Security.Claims.ClaimsPrincipal user, ContentItem item);
}

/// <summary>A line a module adds about a content type on the content types page (for example which review it goes through).</summary>
public interface IContentTypeNotes
{
    Task<string?> NoteAsync(ContentTypeDefinition type);
}
