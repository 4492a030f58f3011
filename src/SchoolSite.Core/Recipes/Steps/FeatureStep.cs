using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Modules;

namespace SchoolSite.Core.Recipes.Steps;

/// <summary>Orchard's "feature" step: { "name": "feature", "enable": [...], "disable": [...] }.</summary>
public sealed class FeatureStep(FeatureCatalog catalog) : IRecipeStepHandler
{
    public string Name => "feature";

    public string Schema => """
    {
      "type": "object",
      "properties": {
        "name": { "type": "string" },
        "enable": { "type": "array", "items": { "type": "string" } },
        "disable": { "type": "array", "items": { "type": "string" } }
      },
      "additionalProperties": false
    }
    """;

    public IEnumerable<(string Path, string Message)> Check(JsonElement step)
    {
        foreach (var list in new[] { "enable", "disable" })
        {
            if (!step.TryGetProperty(list, out var ids))
            {
                continue;
            }
            var i = 0;
            foreach (var id in ids.EnumerateArray())
            {
                if (catalog.Find(id.GetString()!) is null)
                {
                    yield return ($"$.{list}[{i}]", $"there is no feature '{id.GetString()}'");
                }
                i++;
            }
        }
    }

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var features = context.Services.GetRequiredService<TenantFeatures>();
        var enable = Ids(context.Step, "enable");
        var disable = Ids(context.Step, "disable");
        var change = await features.ChangeAsync(enable, disable, "recipe", cancellationToken);
        if (!change.Succeeded)
        {
            throw new RecipeStepException("$", string.Join(" ", change.Errors));
        }
    }

    private static string[] Ids(JsonElement step, string list)
        => step.TryGetProperty(list, out var ids) ? ids.EnumerateArray().Select(i => i.GetString()!).ToArray() : [];
}
