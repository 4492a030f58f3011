using System.Text.Json;

namespace SchoolSite.Core.Recipes.Steps;

/// <summary>Orchard's "recipes" step: runs other recipes of the installation, by name, in order.</summary>
public sealed class RecipesStep(RecipeLibrary library) : IRecipeStepHandler
{
    public string Name => "recipes";

    public string Schema => """
    {
      "type": "object",
      "required": ["Values"],
      "properties": {
        "name": { "type": "string" },
        "Values": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["name"],
            "properties": { "executionid": { "type": "string" }, "name": { "type": "string" } },
            "additionalProperties": false
          }
        }
      },
      "additionalProperties": false
    }
    """;

    public IEnumerable<(string Path, string Message)> Check(JsonElement step)
    {
        var i = 0;
        foreach (var value in step.GetProperty("Values").EnumerateArray())
        {
            var name = value.GetProperty("name").GetString()!;
            if (library.Find(name) is null)
            {
                yield return ($"$.Values[{i}].name", $"there is no recipe '{name}' (known: {string.Join(", ", library.Names)})");
            }
            i++;
        }
    }

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var i = 0;
        foreach (var value in context.Step.GetProperty("Values").EnumerateArray())
        {
            var name = value.GetProperty("name").GetString()!;
            var json = library.Find(name) ?? throw new RecipeStepException($"$.Values[{i}].name", $"there is no recipe '{name}'");
            try
            {
                await context.Executor.ExecuteNestedAsync(json, context.Services, context.Parameters, cancellationToken);
            }
            catch (RecipeException ex)
            {
                throw new RecipeStepException($"$.Values[{i}]", $"recipe '{name}' failed: {string.Join("; ", ex.Errors)}");
            }
            i++;
        }
    }
}
