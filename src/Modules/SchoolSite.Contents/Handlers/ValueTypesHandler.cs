using System.Text.Json;
using System.Text.Json.Nodes;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;

namespace SchoolSite.Contents.Handlers;

/// <summary>
/// Every part and field holds its values with the JSON type it keeps them in: a title is text, a tick box true or false, a
/// field's pictures a list of ids. Checked first, on the one path every save takes (the editor, the API, recipes), so that
/// a number sent for a title is refused naming "TitlePart.Title" instead of being stored, dropped or failing a later step;
/// and everything that reads an item afterwards can rely on its shape.
/// </summary>
public sealed class ValueTypesHandler : IContentHandler
{
    private enum Kind { Text, TrueFalse, NumberOrText, TextList, MenuEntries }

    private static readonly Dictionary<string, (string Property, Kind Kind)[]> PartValues = new(StringComparer.Ordinal)
    {
        [KnownParts.Title] = [("Title", Kind.Text)],
        [KnownParts.Autoroute] = [("Path", Kind.Text)],
        [KnownParts.HtmlBody] = [("Html", Kind.Text)],
        [KnownParts.Menu] = [("Items", Kind.MenuEntries)],
    };

    private static readonly Dictionary<string, (string Property, Kind Kind)[]> FieldValues = new(StringComparer.Ordinal)
    {
        [KnownFields.Text] = [("Text", Kind.Text)],
        [KnownFields.Html] = [("Html", Kind.Text)],
        [KnownFields.Boolean] = [("Value", Kind.TrueFalse)],
        [KnownFields.Date] = [("Value", Kind.Text)],
        [KnownFields.DateTime] = [("Value", Kind.Text)],
        [KnownFields.Numeric] = [("Value", Kind.NumberOrText)],
        [KnownFields.Link] = [("Url", Kind.Text), ("Text", Kind.Text)],
        [KnownFields.ContentPicker] = [("ContentItemIds", Kind.TextList)],
        [KnownFields.ConsentMedia] = [("MediaIds", Kind.TextList)],
    };

    // Before everything else, the text limits included: they and the handlers after them read values as the types checked here.
    public int Order => -120;

    public Task UpdatingAsync(UpdateContentContext context)
    {
        var content = context.Item.Content;
        foreach (var (name, value) in content)
        {
            if (value is not (null or JsonObject))
            {
                context.AddError(name, $"{name} should be an object, in curly brackets, holding the part's values.");
            }
        }
        foreach (var part in context.Type.Parts)
        {
            if (content[part.Name] is JsonObject values && PartValues.TryGetValue(part.PartName, out var expected))
            {
                Check(context, values, part.Name, expected);
            }
        }
        foreach (var (part, field) in context.Definitions.FieldsOf(context.Type))
        {
            var at = $"{part.Name}.{field.Name}";
            switch (content[part.Name] is JsonObject values ? values[field.Name] : null)
            {
                case null:
                    break;
                case JsonObject value when FieldValues.TryGetValue(field.FieldName, out var expected):
                    Check(context, value, at, expected);
                    break;
                case JsonObject:
                    break;
                default:
                    context.AddError(at, $"{field.DisplayName} should be an object, in curly brackets, such as {Example(field.FieldName)}.");
                    break;
            }
        }
        return Task.CompletedTask;
    }

    private static void Check(UpdateContentContext context, JsonObject values, string at, (string Property, Kind Kind)[] expected)
    {
        foreach (var (property, kind) in expected)
        {
            if (values[property] is { } value && Wrong(value, kind, $"{at}.{property}", context) is { } words)
            {
                context.AddError($"{at}.{property}", $"{at}.{property} should be {words}.");
            }
        }
    }

    /// <summary>What the value should have been, or null when it is right (a menu's entries report their own paths).</summary>
    private static string? Wrong(JsonNode value, Kind kind, string at, UpdateContentContext context)
    {
        var type = value.GetValueKind();
        switch (kind)
        {
            case Kind.Text:
                return type == JsonValueKind.String ? null : "text, in double quotes";
            case Kind.TrueFalse:
                return type is JsonValueKind.True or JsonValueKind.False ? null : "true or false";
            case Kind.NumberOrText:
                return type is JsonValueKind.Number or JsonValueKind.String ? null : "a number";
            case Kind.TextList:
                return value is JsonArray list && list.All(i => i?.GetValueKind() == JsonValueKind.String) ? null : "a list of ids, each in double quotes";
            default:
                if (value is not JsonArray entries)
                {
                    return "a list of menu entries, in square brackets";
                }
                for (var i = 0; i < entries.Count; i++)
                {
                    if (entries[i] is JsonObject entry)
                    {
                        Check(context, entry, $"{at}[{i}]", [("Text", Kind.Text), ("Url", Kind.Text), ("ContentItemId", Kind.Text), ("Items", Kind.MenuEntries)]);
                    }
                }
                return null; // an entry that is not an object is the menu's own check
        }
    }

    private static string Example(string fieldName) => FieldValues.TryGetValue(fieldName, out var values)
        ? "{" + string.Join(", ", values.Select(v => $"\"{v.Property}\": " + v.Kind switch
        {
            Kind.TrueFalse => "true",
            Kind.NumberOrText => "12",
            Kind.TextList => "[\"id\"]",
            _ => "\"…\"",
        })) + "}"
        : "{ }";
}
