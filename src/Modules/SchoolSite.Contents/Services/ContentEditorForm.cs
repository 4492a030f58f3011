using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SchoolSite.Contents.Models;

namespace SchoolSite.Contents.Services;

/// <summary>
/// One input of the editor, built from the type definition. Name is the form field ("TitlePart.Title"); Data is what
/// the input's script needs besides the value (a pictures field's purpose, a menu's entries as JSON).
/// </summary>
public sealed record EditorInput(string Name, string Label, string Kind, string? Value, string ErrorKey, string? Hint = null, string? Data = null);

/// <summary>
/// The admin editor's form for a content type, both ways: inputs from an item's JSON, and parts JSON
/// from what was posted. Date-times are typed in the school's clock and stored in UTC.
/// </summary>
public sealed class ContentEditorForm(ContentTypeDefinition type, ContentDefinitionSet definitions, TimeZoneInfo zone)
{
    public IReadOnlyList<EditorInput> Inputs(JsonObject content)
    {
        var inputs = new List<EditorInput>();
        foreach (var part in type.Parts)
        {
            switch (part.PartName)
            {
                case KnownParts.Title:
                    inputs.Add(new("TitlePart.Title", "Title", "text", Get(content, part.Name, "Title"), "TitlePart.Title"));
                    break;
                case KnownParts.Autoroute:
                    inputs.Add(new("AutoroutePart.Path", "Address (leave empty to make one from the title)", "text", Get(content, part.Name, "Path"),
                        "AutoroutePart.Path", "Lower-case words with dashes, e.g. news/sports-day"));
                    break;
                case KnownParts.HtmlBody:
                    inputs.Add(new("HtmlBodyPart.Html", "Text", "html", Get(content, part.Name, "Html"), "HtmlBodyPart.Html", RichTextHint));
                    break;
                case KnownParts.Menu:
                    var menu = content[part.Name]?["Items"] as JsonArray;
                    inputs.Add(new("MenuPart.Items", "Links", "menu", MenuText(menu), "MenuPart.Items",
                        "One link a line: Text | /address (or item: and the page's id). Start a line with two spaces to put it under the line above.",
                        (menu ?? []).ToJsonString()));
                    break;
            }
            foreach (var field in definitions.PartDefinition(part.PartName)?.Fields ?? [])
            {
                var key = $"{part.Name}.{field.Name}";
                var value = content[part.Name]?[field.Name] as JsonObject;
                switch (field.FieldName)
                {
                    case KnownFields.Text: inputs.Add(new(key + ".Text", field.DisplayName, "text", Str(value, "Text"), key)); break;
                    case KnownFields.Html: inputs.Add(new(key + ".Html", field.DisplayName, "html", Str(value, "Html"), key, RichTextHint)); break;
                    case KnownFields.Boolean: inputs.Add(new(key + ".Value", field.DisplayName, "checkbox", value?["Value"]?.GetValue<bool>() == true ? "true" : null, key)); break;
                    case KnownFields.Date: inputs.Add(new(key + ".Value", field.DisplayName, "date", Str(value, "Value"), key)); break;
                    case KnownFields.DateTime: inputs.Add(new(key + ".Value", field.DisplayName, "datetime-local", LocalValue(Str(value, "Value")), key, $"In the school's time ({zone.Id})")); break;
                    case KnownFields.Numeric: inputs.Add(new(key + ".Value", field.DisplayName, "number", value?["Value"]?.ToString(), key)); break;
                    case KnownFields.Link:
                        inputs.Add(new(key + ".Url", field.DisplayName + " (address)", "text", Str(value, "Url"), key));
                        inputs.Add(new(key + ".Text", field.DisplayName + " (text)", "text", Str(value, "Text"), key));
                        break;
                    case KnownFields.ContentPicker:
                        var ids = (value?["ContentItemIds"] as JsonArray)?.Select(i => i?.GetValue<string>()) ?? [];
                        inputs.Add(new(key + ".ContentItemIds", field.DisplayName + " (item ids, comma-separated)", "text", string.Join(", ", ids), key));
                        break;
                    case KnownFields.ConsentMedia:
                        var media = (value?["MediaIds"] as JsonArray)?.Select(i => i?.GetValue<string>()) ?? [];
                        inputs.Add(new(key + ".MediaIds", field.DisplayName, "pictures", string.Join(",", media), key,
                            "Choose pictures from the media library, or upload new ones. Each shows whether it may be published.",
                            field.Settings["Purpose"]?.GetValue<string>() ?? "website"));
                        break;
                }
            }
        }
        return inputs;
    }

    /// <summary>The parts as posted; a value that cannot be read is reported by the checks that follow, not dropped.</summary>
    public JsonObject Read(IFormCollection form)
    {
        var parts = new JsonObject();
        JsonObject Part(string name) => parts[name] as JsonObject ?? (JsonObject)(parts[name] = new JsonObject());
        foreach (var part in type.Parts)
        {
            switch (part.PartName)
            {
                case KnownParts.Title: Part(part.Name)["Title"] = (string?)form["TitlePart.Title"] ?? string.Empty; break;
                case KnownParts.Autoroute: Part(part.Name)["Path"] = (string?)form["AutoroutePart.Path"] ?? string.Empty; break;
                case KnownParts.HtmlBody: Part(part.Name)["Html"] = (string?)form["HtmlBodyPart.Html"] ?? string.Empty; break;
                case KnownParts.Menu: Part(part.Name)["Items"] = MenuFromEditor((string?)form["MenuPart.ItemsJson"]) ?? ParseMenu((string?)form["MenuPart.Items"] ?? string.Empty); break;
                case KnownParts.List: Part(part.Name); break;
            }
            foreach (var field in definitions.PartDefinition(part.PartName)?.Fields ?? [])
            {
                var key = $"{part.Name}.{field.Name}";
                JsonObject value = field.FieldName switch
                {
                    KnownFields.Text => new() { ["Text"] = (string?)form[key + ".Text"] },
                    KnownFields.Html => new() { ["Html"] = (string?)form[key + ".Html"] },
                    KnownFields.Boolean => new() { ["Value"] = form[key + ".Value"].Contains("true") },
                    KnownFields.Date => new() { ["Value"] = Empty((string?)form[key + ".Value"]) },
                    KnownFields.DateTime => new() { ["Value"] = UtcValue(Empty((string?)form[key + ".Value"])) },
                    KnownFields.Numeric => new() { ["Value"] = Empty((string?)form[key + ".Value"]) },
                    KnownFields.Link => new() { ["Url"] = Empty((string?)form[key + ".Url"]), ["Text"] = (string?)form[key + ".Text"] },
                    KnownFields.ContentPicker => new() { ["ContentItemIds"] = Ids((string?)form[key + ".ContentItemIds"]) },
                    // One value per chosen picture (the picker and the plain form), in the order chosen.
                    KnownFields.ConsentMedia => new() { ["MediaIds"] = Ids(string.Join(',', form[key + ".MediaIds"].ToArray())) },
                    _ => new(),
                };
                if (field.FieldName is KnownFields.Date or KnownFields.DateTime or KnownFields.Numeric && value["Value"] is null)
                {
                    // An empty optional value is no value at all.
                    if (field.Settings["Required"]?.GetValue<bool>() != true)
                    {
                        continue;
                    }
                }
                Part(part.Name)[field.Name] = value;
            }
        }
        return parts;
    }

    private static JsonArray Ids(string? text)
        => new((text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(id => (JsonNode)id).ToArray());

    private const string RichTextHint = "Headings, lists, links, tables and pictures. Anything unsafe (scripts, styles) is removed when you save.";

    /// <summary>
    /// The menu as the menu editor sends it: its entries as JSON, in the stored shape. Without the script (or if what
    /// came is not a list) the lines of the plain text box count instead.
    /// </summary>
    private static JsonArray? MenuFromEditor(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(json, documentOptions: new() { MaxDepth = 16 }) is JsonArray items ? Entries(items) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        // Only what a menu entry holds; the menu's own checks then say what is missing.
        static JsonArray Entries(JsonArray items)
        {
            var entries = new JsonArray();
            foreach (var node in items)
            {
                if (node is not JsonObject entry)
                {
                    entries.Add(node?.DeepClone());
                    continue;
                }
                var copy = new JsonObject { ["Text"] = entry["Text"]?.DeepClone() };
                if (entry["ContentItemId"] is { } id)
                {
                    copy["ContentItemId"] = id.DeepClone();
                }
                else
                {
                    copy["Url"] = entry["Url"]?.DeepClone();
                }
                if (entry["Items"] is JsonArray { Count: > 0 } children)
                {
                    copy["Items"] = Entries(children);
                }
                entries.Add(copy);
            }
            return entries;
        }
    }

    /// <summary>"About | /about" lines, children indented by two spaces.</summary>
    public static JsonArray ParseMenu(string text)
    {
        var items = new JsonArray();
        JsonObject? parent = null;
        foreach (var raw in text.Replace("\r", string.Empty).Split('\n'))
        {
            if (raw.Trim().Length == 0)
            {
                continue;
            }
            var child = raw.StartsWith("  ", StringComparison.Ordinal) && parent is not null;
            var bits = raw.Trim().Split('|', 2, StringSplitOptions.TrimEntries);
            var entry = new JsonObject { ["Text"] = bits[0] };
            var target = bits.Length > 1 ? bits[1] : string.Empty;
            if (target.StartsWith("item:", StringComparison.Ordinal))
            {
                entry["ContentItemId"] = target["item:".Length..];
            }
            else
            {
                entry["Url"] = target;
            }
            if (child)
            {
                (parent!["Items"] as JsonArray ?? (JsonArray)(parent["Items"] = new JsonArray())).Add(entry);
            }
            else
            {
                items.Add(entry);
                parent = entry;
            }
        }
        return items;
    }

    private static string MenuText(JsonArray? items)
    {
        var text = new StringBuilder();
        void Write(JsonArray list, string indent)
        {
            foreach (var item in list.OfType<JsonObject>())
            {
                var target = item["ContentItemId"]?.GetValue<string>() is { } id ? "item:" + id : item["Url"]?.GetValue<string>();
                text.Append(indent).Append(item["Text"]?.GetValue<string>()).Append(" | ").Append(target).Append('\n');
                if (item["Items"] is JsonArray children)
                {
                    Write(children, indent + "  ");
                }
            }
        }
        Write(items ?? [], string.Empty);
        return text.ToString();
    }

    private string? LocalValue(string? utc)
        => utc is not null && DateTimeOffset.TryParse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? TimeZoneInfo.ConvertTime(parsed, zone).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)
            : utc;

    private string? UtcValue(string? local)
    {
        if (local is null || !DateTime.TryParseExact(local, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return local;
        }
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified), zone).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
    }

    private static string? Get(JsonObject content, string part, string property) => Str(content[part] as JsonObject, property);

    private static string? Str(JsonObject? value, string property) => value?[property] is JsonValue v && v.TryGetValue<string>(out var s) ? s : value?[property]?.ToString();

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
