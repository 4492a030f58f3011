using System.Text.Json.Nodes;

namespace SchoolSite.Contents.Models;

/// <summary>
/// One version of a content item, Orchard's shape: a logical ContentItemId shared by all versions, a
/// ContentItemVersionId per version, the Latest and Published flags, and a JSON body of named parts.
/// </summary>
public sealed class ContentItem
{
    public long Id { get; set; }
    public required string ContentItemId { get; set; }
    public required string ContentItemVersionId { get; set; }
    public required string ContentType { get; set; }
    public string DisplayText { get; set; } = string.Empty;
    public bool Latest { get; set; }
    public bool Published { get; set; }
    public string? Owner { get; set; }
    public string? Author { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ModifiedUtc { get; set; }
    public DateTime? PublishedUtc { get; set; }

    /// <summary>When the item was deleted (all its versions); restorable for 30 days.</summary>
    public DateTime? DeletedUtc { get; set; }

    /// <summary>Increases with every change to the item: an edit must name the revision it started from.</summary>
    public int Revision { get; set; }

    public int VersionNumber { get; set; }

    /// <summary>Index column: this version's URL path (AutoroutePart), without a leading slash.</summary>
    public string? Path { get; set; }

    /// <summary>The parts, as JSON text (see <see cref="Content"/>).</summary>
    public string Data { get; set; } = "{}";

    private JsonObject? _content;

    /// <summary>The parts as a live JSON object; changes are written back by <see cref="Flush"/>.</summary>
    public JsonObject Content
    {
        get => _content ??= JsonNode.Parse(Data) as JsonObject ?? [];
        set => _content = value;
    }

    public void Flush()
    {
        if (_content is not null)
        {
            Data = _content.ToJsonString();
        }
    }

    public JsonObject Part(string name)
    {
        if (Content[name] is JsonObject part)
        {
            return part;
        }
        var created = new JsonObject();
        Content[name] = created;
        return created;
    }

    public string? Text(string part, string property) => Content[part]?[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A detached copy of this version, to be changed without touching the stored one.</summary>
    public ContentItem Copy()
    {
        Flush();
        return new ContentItem
        {
            Id = Id, ContentItemId = ContentItemId, ContentItemVersionId = ContentItemVersionId, ContentType = ContentType, DisplayText = DisplayText,
            Latest = Latest, Published = Published, Owner = Owner, Author = Author, CreatedUtc = CreatedUtc, ModifiedUtc = ModifiedUtc,
            PublishedUtc = PublishedUtc, DeletedUtc = DeletedUtc, Revision = Revision, VersionNumber = VersionNumber, Path = Path, Data = Data,
        };
    }
}

/// <summary>Where an old path now answers with a 301, after an item's path changed.</summary>
public sealed class ContentRedirect
{
    public required string Path { get; set; }
    public required string ContentItemId { get; set; }
}

/// <summary>The tenant's content definitions as one JSON document.</summary>
public sealed class ContentDefinitionRecord
{
    public int Id { get; set; }
    public required string Json { get; set; }
}
