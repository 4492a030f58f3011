using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;

namespace SchoolSite.Contents.Recipes;

/// <summary>
/// Orchard's "content" step: items in Orchard's JSON shape. An item marked Published is published
/// through the same path as the admin's button, so every publishing check applies to recipes too.
/// </summary>
public sealed class ContentStep : IRecipeStepHandler
{
    private static readonly HashSet<string> Metadata = new(StringComparer.Ordinal)
    {
        "ContentItemId", "ContentItemVersionId", "ContentType", "DisplayText", "Latest", "Published", "Owner", "Author",
        "CreatedUtc", "ModifiedUtc", "PublishedUtc",
    };

    public string Name => "content";

    public string Schema => """
    {
      "type": "object",
      "required": ["data"],
      "properties": {
        "name": { "type": "string" },
        "data": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["ContentType"],
            "properties": {
              "ContentItemId": { "type": "string", "pattern": "^[a-z0-9]{4,40}$" },
              "ContentType": { "type": "string" },
              "Published": { "type": "boolean" }
            }
          }
        }
      },
      "additionalProperties": false
    }
    """;

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var manager = context.Services.GetRequiredService<ContentManager>();
        var index = 0;
        foreach (var element in context.Step.GetProperty("data").EnumerateArray())
        {
            var item = JsonNode.Parse(element.GetRawText())!.AsObject();
            var parts = new JsonObject();
            foreach (var (key, value) in item.Where(p => !Metadata.Contains(p.Key)).ToList())
            {
                parts[key] = value?.DeepClone();
            }
            var created = await manager.CreateAsync(item["ContentType"]!.GetValue<string>(), parts, Actor.System,
                item["ContentItemId"]?.GetValue<string>());
            if (!created.Succeeded)
            {
                var (field, messages) = created.Errors.First();
                throw new RecipeStepException($"$.data[{index}].{field}", string.Join(" ", messages));
            }
            if (item["Published"]?.GetValue<bool>() == true)
            {
                DateTime? when = item["PublishedUtc"]?.GetValue<string>() is { } text
                    && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)
                    ? parsed.UtcDateTime : null;
                var published = await manager.PublishAsync(created.Item!.ContentItemId, Actor.System, publishedUtc: when);
                if (!published.Succeeded)
                {
                    throw new RecipeStepException($"$.data[{index}]", "publishing was refused: " + published.Describe());
                }
            }
            index++;
        }
    }
}
