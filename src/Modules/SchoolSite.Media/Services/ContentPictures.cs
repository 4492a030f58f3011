using System.Text.Json.Nodes;
using SchoolSite.Contents.Models;

namespace SchoolSite.Media.Services;

/// <summary>A library picture a content item uses, where, and the purpose it is published under.</summary>
public sealed record ContentPicture(string Label, string MediaId, string Purpose, bool InBody);

/// <summary>Finds the library pictures a content item uses: its consent media fields and the pictures placed in its body.</summary>
public static class ContentPictures
{
    public static IEnumerable<ContentPicture> In(ContentItem item, ContentDefinitionSet definitions, ContentTypeDefinition? type)
    {
        if (type is not null)
        {
            foreach (var (part, field) in definitions.FieldsOf(type).Where(f => f.Field.FieldName == KnownFields.ConsentMedia))
            {
                var purpose = field.Settings["Purpose"]?.GetValue<string>() ?? "website";
                foreach (var id in MediaIds(item.Content[part.Name]?[field.Name]))
                {
                    yield return new ContentPicture(field.DisplayName, id, purpose, InBody: false);
                }
            }
        }
        foreach (var id in EmbeddedMedia.Ids(item.Text(KnownParts.HtmlBody, "Html")))
        {
            yield return new ContentPicture("Body", id, "website", InBody: true);
        }
    }

    public static IEnumerable<string> MediaIds(JsonNode? field)
        => (field?["MediaIds"] as JsonArray ?? []).Select(i => i?.GetValue<string>() ?? string.Empty).Where(i => i.Length > 0).Distinct();
}
