using System.Text.Json.Nodes;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Hosting;

namespace SchoolSite.Contents.Handlers;

/// <summary>
/// Every text an item holds has a length limit (<see cref="TextLimits"/>), checked on the one path every save
/// takes (the editor, the API, recipes): a rich-text body up to <see cref="TextLimits.Html"/>, a text field up to its
/// "MaxLength" setting or <see cref="TextLimits.Text"/>, links and menu entries as links, everything else as a line.
/// </summary>
public sealed class TextLimitsHandler : IContentHandler
{
    // First: nothing else spends work on text that will be refused.
    public int Order => -110;

    public Task UpdatingAsync(UpdateContentContext context)
    {
        var item = context.Item;
        if (context.Type.Has(KnownParts.HtmlBody))
        {
            Check(context, "HtmlBodyPart.Html", "The body", item.Text(KnownParts.HtmlBody, "Html"), TextLimits.Html);
        }
        if (context.Type.Has(KnownParts.Autoroute))
        {
            Check(context, "AutoroutePart.Path", "The address", item.Text(KnownParts.Autoroute, "Path"), TextLimits.Line);
        }
        if (context.Type.Has(KnownParts.Menu) && item.Part(KnownParts.Menu)["Items"] is JsonArray entries)
        {
            CheckMenu(context, entries, "MenuPart.Items");
        }
        foreach (var (part, field) in context.Definitions.FieldsOf(context.Type))
        {
            if (item.Content[part.Name]?[field.Name] is not JsonObject value)
            {
                continue;
            }
            foreach (var (property, text) in value)
            {
                var max = (field.FieldName, property) switch
                {
                    (KnownFields.Text, "Text") => field.Settings["MaxLength"] is JsonValue setting && setting.TryGetValue<int>(out var own) ? own : TextLimits.Text,
                    (KnownFields.Html, "Html") => TextLimits.Html,
                    (KnownFields.Link, "Url") => TextLimits.Address,
                    _ => TextLimits.Line,
                };
                foreach (var (index, each) in Strings(text))
                {
                    // A list's entry is named by its place in the list, so the client knows which one.
                    var (at, label) = text is JsonArray
                        ? ($"{part.Name}.{field.Name}.{property}[{index}]", $"{field.DisplayName} (entry {index + 1})")
                        : ($"{part.Name}.{field.Name}", field.DisplayName);
                    Check(context, at, label, each, max);
                }
            }
        }
        // Whatever else the item carries is held to the most any text may be.
        foreach (var (path, messages) in TextLimits.Check(item.Content))
        {
            context.AddError(path.TrimStart('$', '.'), messages[0]);
        }
        return Task.CompletedTask;
    }

    private static void CheckMenu(UpdateContentContext context, JsonArray entries, string at)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not JsonObject entry)
            {
                continue;
            }
            Check(context, $"{at}[{i}].Text", "A menu entry's text", entry["Text"] is JsonValue text && text.TryGetValue<string>(out var t) ? t : null, TextLimits.Line);
            Check(context, $"{at}[{i}].Url", "A menu entry's address", entry["Url"] is JsonValue url && url.TryGetValue<string>(out var u) ? u : null, TextLimits.Address);
            if (entry["Items"] is JsonArray children)
            {
                CheckMenu(context, children, $"{at}[{i}].Items");
            }
        }
    }

    private static IEnumerable<(int Index, string Text)> Strings(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => [(0, text)],
        JsonArray array => array.Select((n, i) => (i, n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)).Where(p => p.Item2 is not null).Select(p => (p.i, p.Item2!)),
        _ => [],
    };

    private static void Check(UpdateContentContext context, string field, string label, string? text, int max)
    {
        if (TextLimits.Problem(label, text, max) is { } problem)
        {
            context.AddError(field, problem);
        }
    }
}
