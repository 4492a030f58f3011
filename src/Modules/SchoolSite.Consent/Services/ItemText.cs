using System.Text.Json.Nodes;
using SchoolSite.Contents.Models;

namespace SchoolSite.Consent.Services;

/// <summary>Every piece of text an item would publish, part by part: its title, text and HTML fields, body, menu entries.</summary>
public static class ItemText
{
    // Ids, addresses and paths are not read by people.
    private static readonly HashSet<string> NotText = new(StringComparer.Ordinal) { "MediaIds", "ContentItemIds", "ContentItemId", "Url", "Path" };

    /// <summary>(where, text) pairs: "Title", a field's name, or "Body"; HTML is passed as it is stored (the privacy check reads it as a reader sees it).</summary>
    public static IEnumerable<(string Area, string Text)> Of(ContentItem item)
    {
        yield return ("Title", item.DisplayText);
        foreach (var (partName, part) in item.Content)
        {
            foreach (var (fieldName, field) in (part as JsonObject) ?? [])
            {
                if (fieldName is "Path" or "Title" || field is null)
                {
                    continue;
                }
                foreach (var text in Strings(field))
                {
                    yield return (partName == KnownParts.HtmlBody ? "Body" : fieldName, text);
                }
            }
        }
    }

    private static IEnumerable<string> Strings(JsonNode node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => [text],
        JsonObject obj => obj.Where(p => !NotText.Contains(p.Key) && p.Value is not null).SelectMany(p => Strings(p.Value!)),
        JsonArray array => array.OfType<JsonNode>().SelectMany(Strings),
        _ => [],
    };
}
