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

/// <summary>
/// A rule a whole recipe must leave true (checked once, after its last step, before the school is used):
/// for example, that every content type is reviewed once the school reviews content. Messages say what to change.
/// </summary>
public interface IRecipeOutcomeCheck
{
    Task<IReadOnlyList<string>> CheckAsync(IServiceProvider services, CancellationToken cancellationToken);
}
