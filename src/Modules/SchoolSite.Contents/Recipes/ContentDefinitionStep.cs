using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Recipes;

namespace SchoolSite.Contents.Recipes;

/// <summary>Orchard's "ContentDefinition" step: content types (with their parts) and parts (with their fields).</summary>
public sealed class ContentDefinitionStep : IRecipeStepHandler
{
    public string Name => "ContentDefinition";

    public string Schema => """
    {
      "type": "object",
      "properties": {
        "name": { "type": "string" },
        "ContentTypes": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["Name"],
            "properties": {
              "Name": { "type": "string", "pattern": "^[A-Z][A-Za-z0-9]{0,63}$" },
              "DisplayName": { "type": "string" },
              "Settings": { "type": "object" },
              "ContentTypePartDefinitionRecords": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": ["PartName", "Name"],
                  "properties": {
                    "PartName": { "type": "string" }, "Name": { "type": "string" }, "Settings": { "type": "object" }
                  },
                  "additionalProperties": false
                }
              }
            },
            "additionalProperties": false
          }
        },
        "ContentParts": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["Name"],
            "properties": {
              "Name": { "type": "string" },
              "Settings": { "type": "object" },
              "ContentPartFieldDefinitionRecords": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": ["FieldName", "Name"],
                  "properties": {
                    "FieldName": { "type": "string" }, "Name": { "type": "string" }, "Settings": { "type": "object" }
                  },
                  "additionalProperties": false
                }
              }
            },
            "additionalProperties": false
          }
        }
      },
      "additionalProperties": false
    }
    """;

    public IEnumerable<(string Path, string Message)> Check(JsonElement step)
    {
        var definedParts = step.TryGetProperty("ContentParts", out var parts)
            ? parts.EnumerateArray().Select(p => p.GetProperty("Name").GetString()!).ToHashSet()
            : [];
        if (step.TryGetProperty("ContentTypes", out var types))
        {
            var t = 0;
            foreach (var type in types.EnumerateArray())
            {
                var typeName = type.GetProperty("Name").GetString()!;
                if (type.TryGetProperty("ContentTypePartDefinitionRecords", out var records))
                {
                    var p = 0;
                    foreach (var record in records.EnumerateArray())
                    {
                        var partName = record.GetProperty("PartName").GetString()!;
                        if (!KnownParts.All.Contains(partName) && partName != typeName && !definedParts.Contains(partName))
                        {
                            yield return ($"$.ContentTypes[{t}].ContentTypePartDefinitionRecords[{p}].PartName",
                                $"there is no part '{partName}' (known: {string.Join(", ", KnownParts.All)}, or a part defined in ContentParts)");
                        }
                        p++;
                    }
                }
                t++;
            }
        }
        if (step.TryGetProperty("ContentParts", out var partList))
        {
            var i = 0;
            foreach (var part in partList.EnumerateArray())
            {
                if (part.TryGetProperty("ContentPartFieldDefinitionRecords", out var fields))
                {
                    var f = 0;
                    foreach (var field in fields.EnumerateArray())
                    {
                        var fieldName = field.GetProperty("FieldName").GetString()!;
                        if (!KnownFields.All.Contains(fieldName))
                        {
                            yield return ($"$.ContentParts[{i}].ContentPartFieldDefinitionRecords[{f}].FieldName",
                                $"there is no field type '{fieldName}' (known: {string.Join(", ", KnownFields.All)})");
                        }
                        f++;
                    }
                }
                i++;
            }
        }
    }

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var store = context.Services.GetRequiredService<ContentDefinitionStore>();
        var current = await store.GetAsync();
        var types = current.Types.ToDictionary(t => t.Name);
        var parts = current.Parts.ToDictionary(p => p.Name);
        if (context.Step.TryGetProperty("ContentParts", out var partList))
        {
            foreach (var part in partList.EnumerateArray())
            {
                var name = part.GetProperty("Name").GetString()!;
                var fields = part.TryGetProperty("ContentPartFieldDefinitionRecords", out var records)
                    ? records.EnumerateArray().Select(ReadField).ToList()
                    : [];
                parts[name] = new ContentPartDefinition(name, fields);
            }
        }
        if (context.Step.TryGetProperty("ContentTypes", out var typeList))
        {
            foreach (var type in typeList.EnumerateArray())
            {
                var name = type.GetProperty("Name").GetString()!;
                var settings = type.TryGetProperty("Settings", out var s) && s.TryGetProperty("ContentTypeSettings", out var cts)
                    ? cts.Deserialize<ContentTypeSettings>() ?? new ContentTypeSettings()
                    : new ContentTypeSettings();
                var typeParts = type.TryGetProperty("ContentTypePartDefinitionRecords", out var records)
                    ? records.EnumerateArray().Select(r => new ContentTypePartDefinition(
                        r.GetProperty("Name").GetString()!,
                        r.GetProperty("PartName").GetString()!,
                        r.TryGetProperty("Settings", out var ps) ? JsonNode.Parse(ps.GetRawText())!.AsObject() : [])).ToList()
                    : [];
                types[name] = new ContentTypeDefinition(name, type.TryGetProperty("DisplayName", out var d) ? d.GetString()! : name, settings, typeParts);
            }
        }
        await store.SaveAsync(new ContentDefinitionSet(types.Values.ToList(), parts.Values.ToList()));
    }

    private static ContentPartFieldDefinition ReadField(JsonElement field)
    {
        var settings = field.TryGetProperty("Settings", out var s) ? JsonNode.Parse(s.GetRawText())!.AsObject() : [];
        var name = field.GetProperty("Name").GetString()!;
        var displayName = settings["ContentPartFieldSettings"]?["DisplayName"]?.GetValue<string>() ?? name;
        var flat = settings["ContentPartFieldSettings"] as JsonObject ?? [];
        return new ContentPartFieldDefinition(name, field.GetProperty("FieldName").GetString()!, displayName, (JsonObject)flat.DeepClone());
    }
}
