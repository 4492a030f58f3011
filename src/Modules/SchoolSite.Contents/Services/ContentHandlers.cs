using SchoolSite.Contents.Models;
using SchoolSite.Core.Security;

namespace SchoolSite.Contents.Services;

/// <summary>
/// Reacts to content events raised by <see cref="ContentManager"/>, the one path every change takes.
/// Parts shape the item (titles, paths, sanitising); other modules check or veto (consent, review).
/// Side effects that others react to (caches, the audit trail) go on the school's event path instead.
/// </summary>
public interface IContentHandler
{
    /// <summary>Lower runs first: parts shape an item (-100…) before modules check it (100…) and review has the last word (200).</summary>
    int Order => 0;

    Task CreatingAsync(ContentContext context) => Task.CompletedTask;
    Task CreatedAsync(ContentContext context) => Task.CompletedTask;
    Task UpdatingAsync(UpdateContentContext context) => Task.CompletedTask;
    Task UpdatedAsync(ContentContext context) => Task.CompletedTask;
    Task PublishingAsync(PublishContentContext context) => Task.CompletedTask;
    Task PublishedAsync(PublishContentContext context) => Task.CompletedTask;
    Task UnpublishingAsync(ContentContext context) => Task.CompletedTask;
    Task UnpublishedAsync(ContentContext context) => Task.CompletedTask;
    Task RemovingAsync(ContentContext context) => Task.CompletedTask;
    Task RemovedAsync(ContentContext context) => Task.CompletedTask;
}

public class ContentContext(ContentItem item, ContentTypeDefinition type, ContentDefinitionSet definitions, Actor actor)
{
    public ContentItem Item { get; } = item;
    public ContentTypeDefinition Type { get; } = type;
    public ContentDefinitionSet Definitions { get; } = definitions;
    public Actor Actor { get; } = actor;
}

/// <summary>A save in progress: handlers may refuse it with errors naming the field.</summary>
public sealed class UpdateContentContext(ContentItem item, ContentTypeDefinition type, ContentDefinitionSet definitions, Actor actor)
    : ContentContext(item, type, definitions, actor)
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public IReadOnlyDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public void AddError(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }
        list.Add(message);
    }
}

/// <summary>A publish in progress: any handler may veto it with a reason the user sees.</summary>
public sealed class PublishContentContext(ContentItem item, ContentTypeDefinition type, ContentDefinitionSet definitions, Actor actor, ContentItem? previous)
    : ContentContext(item, type, definitions, actor)
{
    private readonly List<string> _vetoes = [];

    /// <summary>The version that was published before this one, if any.</summary>
    public ContentItem? Previous { get; } = previous;

    public IReadOnlyList<string> Vetoes => _vetoes;

    public void Veto(string reason) => _vetoes.Add(reason);
}
