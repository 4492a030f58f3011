using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace SchoolSite.Core.Recipes;

/// <summary>
/// Validates a recipe whole, then runs its steps in order in the tenant scope it is given. A failure
/// names the step and the JSON path; the caller decides what to undo (a new tenant is removed).
/// </summary>
public sealed partial class RecipeExecutor(RecipeValidator validator, RecipeLibrary library)
{
    public RecipeValidator Validator => validator;

    public RecipeLibrary Library => library;

    /// <summary>Runs a recipe, then checks what it leaves behind against every module's rules.</summary>
    public async Task ExecuteAsync(string json, IServiceProvider services, IReadOnlyDictionary<string, string> parameters,
        CancellationToken cancellationToken = default)
    {
        await ExecuteNestedAsync(json, services, parameters, cancellationToken);
        var problems = new List<RecipeError>();
        foreach (var check in services.GetServices<IRecipeOutcomeCheck>())
        {
            problems.AddRange((await check.CheckAsync(services, cancellationToken)).Select(m => new RecipeError(null, null, "$", m)));
        }
        if (problems.Count > 0)
        {
            throw new RecipeException(problems);
        }
    }

    /// <summary>Runs a recipe inside another one (the "recipes" step): the outer recipe checks the outcome when it ends.</summary>
    public async Task ExecuteNestedAsync(string json, IServiceProvider services, IReadOnlyDictionary<string, string> parameters,
        CancellationToken cancellationToken = default)
    {
        var errors = validator.Validate(json, out var document);
        if (errors.Count > 0)
        {
            throw new RecipeException(errors) { IsValidationFailure = true };
        }
        using (document)
        {
            var root = document!.RootElement;
            var variables = root.TryGetProperty("variables", out var v) && v.ValueKind == JsonValueKind.Object
                ? v.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText())
                : [];
            var index = 0;
            foreach (var rawStep in root.GetProperty("steps").EnumerateArray())
            {
                index++;
                var name = rawStep.GetProperty("name").GetString()!;
                var stepPath = $"$.steps[{index - 1}]";
                try
                {
                    var step = Substitute(rawStep, parameters, variables);
                    var context = new RecipeStepContext(step, services, parameters, this);
                    await validator.Handler(name)!.ExecuteAsync(context, cancellationToken);
                }
                catch (RecipeStepException ex)
                {
                    throw new RecipeException([new RecipeError(index, name, RecipeValidator.Join(stepPath, ex.Path), ex.Message)]);
                }
                catch (RecipeException ex)
                {
                    // A nested recipe failed: say where in this recipe, then what it said.
                    throw new RecipeException([new RecipeError(index, name, stepPath, string.Join("; ", ex.Errors))]);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new RecipeException([new RecipeError(index, name, stepPath, ex.Message)]);
                }
            }
        }
    }

    /// <summary>Orchard's "[js: parameters('Name')]" and "[js: variables('name')]" placeholders, as whole string values.</summary>
    private static JsonElement Substitute(JsonElement step, IReadOnlyDictionary<string, string> parameters, IReadOnlyDictionary<string, string> variables)
    {
        var node = JsonNode.Parse(step.GetRawText())!;
        Replace(node, "$");
        return JsonSerializer.SerializeToElement(node);

        void Replace(JsonNode current, string path)
        {
            switch (current)
            {
                case JsonObject obj:
                    foreach (var (key, child) in obj.ToList())
                    {
                        if (child is JsonValue value && value.TryGetValue<string>(out var text) && Placeholder().Match(text) is { Success: true } m)
                        {
                            obj[key] = Resolve(m, path + "." + key);
                        }
                        else if (child is not null)
                        {
                            Replace(child, path + "." + key);
                        }
                    }
                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is JsonValue value && value.TryGetValue<string>(out var text) && Placeholder().Match(text) is { Success: true } m)
                        {
                            array[i] = Resolve(m, $"{path}[{i}]");
                        }
                        else if (array[i] is { } child)
                        {
                            Replace(child, $"{path}[{i}]");
                        }
                    }
                    break;
            }
        }

        JsonNode Resolve(Match match, string path)
        {
            var source = match.Groups["kind"].Value == "parameters" ? parameters : variables;
            var key = match.Groups["key"].Value;
            return source.TryGetValue(key, out var value)
                ? JsonValue.Create(value)
                : throw new RecipeStepException(path, $"the recipe uses {match.Groups["kind"].Value}('{key}') but none was given");
        }
    }

    [GeneratedRegex(@"^\[js:\s*(?<kind>parameters|variables)\('(?<key>[A-Za-z0-9_]+)'\)\s*\]$")]
    private static partial Regex Placeholder();
}
