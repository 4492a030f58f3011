using System.Text.Json;

namespace SchoolSite.Core.Recipes;

/// <summary>Runs one kind of recipe step (Orchard's step names where the concept is Orchard's).</summary>
public interface IRecipeStepHandler
{
    string Name { get; }

    /// <summary>JSON Schema (draft 2020-12) for the step object, checked before any step runs.</summary>
    string Schema { get; }

    /// <summary>Checks beyond the schema that need the installation (known feature ids, recipe names). Paths are step-relative.</summary>
    IEnumerable<(string Path, string Message)> Check(JsonElement step) => [];

    Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken);
}

public sealed record RecipeStepContext(
    JsonElement Step,
    IServiceProvider Services,
    IReadOnlyDictionary<string, string> Parameters,
    RecipeExecutor Executor);
