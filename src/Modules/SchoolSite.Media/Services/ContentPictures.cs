using System.Text.Json.Nodes;
using SchoolSite.Contents.Models;

namespace SchoolSite.Media.Services;

/// <summary>
/// A library item a content item uses, where, and the purpose it is published under. <see cref="InText"/>: placed in
/// a body or an HTML field, or linked from a link field, rather than listed in a pictures field.
/// </summary>
public sealed record ContentPicture(string Label, string MediaId, string Purpose, bool InText);

/// <summary>
/// Finds every library item a content item uses: its consent media fields, the pictures and documents placed in
/// its body and HTML fields, and documents its link fields point to. The publish gate, the render gate and the
/// takedown list all read an item through here, so no way of placing a picture or document is left out.
/// </summary>
public static class ContentPictures
{
    public static IEnumerable<ContentPicture> In(ContentItem item, ContentDefinitionSet definitions, ContentTypeDefinition? type)
    {
        if (type is not null)
        {
            foreach (var (part, field) in definitions.FieldsOf(type))
            {
                var value = item.Content[part.Name]?[field.Name];
                var ids = field.FieldName switch
                {
                    KnownFields.ConsentMedia => MediaIds(value),
                    KnownFields.Html => EmbeddedMedia.Ids(Text(value, "Html")),
                    KnownFields.Link => EmbeddedMedia.IdOf(Text(value, "Url")) is { } linked ? [linked] : [],
                    _ => [],
                };
                var purpose = field.FieldName == KnownFields.ConsentMedia ? field.Settings["Purpose"]?.GetValue<string>() ?? "website" : "website";
                foreach (var id in ids)
                {
                    yield return new ContentPicture(field.DisplayName, id, purpose, InText: field.FieldName != KnownFields.ConsentMedia);
                }
            }
        }
        foreach (var id in EmbeddedMedia.Ids(item.Text(KnownParts.HtmlBody, "Html")))
        {
            yield return new ContentPicture("Body", id, "website", InText: true);
        }
    }

    public static IEnumerable<string> MediaIds(JsonNode? field)
        => (field?["MediaIds"] as JsonArray ?? []).Select(i => i?.GetValue<string>() ?? string.Empty).Where(i => i.Length > 0).Distinct();

    private static string? Text(JsonNode? field, string property) => field?[property] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
}
