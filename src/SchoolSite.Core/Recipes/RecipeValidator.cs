using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace SchoolSite.Core.Recipes;

/// <summary>
/// Checks a whole recipe before anything runs: the JSON itself, Orchard's recipe envelope, and each
/// step against its handler's schema. Every error names the step and the JSON path.
/// </summary>
public sealed class RecipeValidator
{
    private const string EnvelopeSchema = """
    {
      "type": "object",
      "required": ["name", "steps"],
      "properties": {
        "name": { "type": "string", "minLength": 1 },
        "displayName": { "type": "string" },
        "description": { "type": "string" },
        "author": { "type": "string" },
        "website": { "type": "string" },
        "version": { "type": "string" },
        "issetuprecipe": { "type": "boolean" },
        "categories": { "type": "array", "items": { "type": "string" } },
        "tags": { "type": "array", "items": { "type": "string" } },
        "variables": { "type": "object" },
        "steps": {
          "type": "array",
          "items": { "type": "object", "required": ["name"], "properties": { "name": { "type": "string" } } }
        }
      },
      "additionalProperties": false
    }
    """;

    private static readonly JsonSchema Envelope = JsonSchema.FromText(EnvelopeSchema);
    private readonly Dictionary<string, (IRecipeStepHandler Handler, JsonSchema Schema)> _steps;

    // JsonSchema.Net registers every schema it builds in one registry for the whole process, which is not safe to
    // write from two threads: hosts starting at once (the tests start many) corrupted it. Build one at a time.
    private static readonly Lock SchemaRegistry = new();

    public RecipeValidator(IEnumerable<IRecipeStepHandler> handlers)
    {
        lock (SchemaRegistry)
        {
            _steps = handlers.ToDictionary(h => h.Name, h => (h, JsonSchema.FromText(h.Schema)), StringComparer.OrdinalIgnoreCase);
        }
    }

    public IRecipeStepHandler? Handler(string name) => _steps.TryGetValue(name, out var s) ? s.Handler : null;

    public IReadOnlyList<RecipeError> Validate(string json, out JsonDocument? document)
    {
        document = null;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            return [new RecipeError(null, null, ex.Path is { Length: > 0 } p ? p : "$",
                $"not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}): {ex.Message.Split(" Path:")[0]}")];
        }
        return Validate(document.RootElement);
    }

    public IReadOnlyList<RecipeError> Validate(JsonElement recipe)
    {
        var errors = new List<RecipeError>();
        errors.AddRange(SchemaErrors(Envelope, recipe).Select(e => new RecipeError(null, null, e.Path, e.Message)));
        if (errors.Count > 0 || recipe.ValueKind != JsonValueKind.Object || !recipe.TryGetProperty("steps", out var steps))
        {
            return errors;
        }
        var index = 0;
        foreach (var step in steps.EnumerateArray())
        {
            index++;
            var stepPath = $"$.steps[{index - 1}]";
            var name = step.GetProperty("name").GetString() ?? string.Empty;
            if (!_steps.TryGetValue(name, out var entry))
            {
                errors.Add(new RecipeError(index, name, stepPath + ".name",
                    $"unknown step '{name}'; expected one of: {string.Join(", ", _steps.Keys.Order(StringComparer.OrdinalIgnoreCase))}"));
                continue;
            }
            var stepErrors = SchemaErrors(entry.Schema, step).ToList();
            if (stepErrors.Count == 0)
            {
                stepErrors.AddRange(entry.Handler.Check(step));
            }
            errors.AddRange(stepErrors.Select(e => new RecipeError(index, name, Join(stepPath, e.Path), e.Message)));
        }
        return errors;
    }

    /// <summary>"$.steps[2]" + "$.enable[1]" → "$.steps[2].enable[1]".</summary>
    public static string Join(string basePath, string relative) => relative == "$" ? basePath : basePath + relative[1..];

    private static IEnumerable<(string Path, string Message)> SchemaErrors(JsonSchema schema, JsonElement instance)
    {
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }
        return (result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => (ToJsonPath(d.InstanceLocation.ToString()), Describe(e.Key, e.Value))))
            .Distinct()
            .ToList();
    }

    private static string Describe(string keyword, string message) => keyword switch
    {
        "additionalProperties" => "this property is not allowed here",
        _ => "expected " + message.TrimEnd('.'),
    };

    /// <summary>JSON Pointer "/steps/2/enable/0" → JSON path "$.steps[2].enable[0]".</summary>
    public static string ToJsonPath(string pointer)
    {
        var path = "$";
        foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var token = segment.Replace("~1", "/").Replace("~0", "~");
            path += int.TryParse(token, out _) ? $"[{token}]" : "." + token;
        }
        return path;
    }

    internal static JsonNode? Clone(JsonElement element) => JsonNode.Parse(element.GetRawText());
}
