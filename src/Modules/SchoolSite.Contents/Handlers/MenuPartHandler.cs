using System.Text.Json;
using System.Text.Json.Nodes;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Hosting;

namespace SchoolSite.Contents.Handlers;

/// <summary>
/// The site's navigation: ordered links to items or addresses, nested one level. Each link needs text
/// and a target; addresses must be safe links.
/// </summary>
public sealed class MenuPartHandler : IContentHandler
{
    public int Order => -60;

    public Task UpdatingAsync(UpdateContentContext context)
    {
        if (context.Type.Has(KnownParts.Menu))
        {
            var items = context.Item.Part(KnownParts.Menu)["Items"] as JsonArray ?? [];
            context.Item.Part(KnownParts.Menu)["Items"] = items;
            Check(items, "MenuPart.Items", depth: 0, context);
        }
        return Task.CompletedTask;
    }

    private static void Check(JsonArray items, string path, int depth, UpdateContentContext context)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (items[i] is not JsonObject item)
            {
                context.AddError(at, "Each menu entry must be an object with Text and Url or ContentItemId.");
                continue;
            }
            // A value of the wrong type is ValueTypesHandler's to report; here it counts as missing.
            var text = Text(item["Text"])?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                context.AddError(at + ".Text", "Each menu entry needs the text people will see.");
            }
            var url = Text(item["Url"]);
            var target = Text(item["ContentItemId"]);
            if (string.IsNullOrEmpty(url) == string.IsNullOrEmpty(target))
            {
                context.AddError(at, $"'{text}' needs either an address (Url) or an item (ContentItemId), not both.");
            }
            else if (url is not null && !FieldsHandler.IsSafeLink(url))
            {
                context.AddError(at + ".Url", $"'{url}' is not a link this site can use.");
            }
            if (item["Items"] is JsonArray children && children.Count > 0)
            {
                if (depth > 0)
                {
                    context.AddError(at + ".Items", "Menus nest one level only.");
                }
                else
                {
                    Check(children, at + ".Items", depth + 1, context);
                }
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? TextLimits.ReadText(value) : null;
}
