namespace SchoolSite.Core.Recipes;

/// <summary>What is wrong with a recipe, and where: the step (1-based, as a person counts) and the JSON path.</summary>
public sealed record RecipeError(int? Step, string? StepName, string Path, string Message)
{
    public override string ToString()
        => Step is null ? $"{Path}: {Message}" : $"Step {Step} ({StepName}) at {Path}: {Message}";
}

/// <summary>A recipe that could not be validated or run; nothing it started is kept.</summary>
public sealed class RecipeException(IReadOnlyList<RecipeError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<RecipeError> Errors { get; } = errors;

    /// <summary>True when the recipe never started: it was refused by validation.</summary>
    public bool IsValidationFailure { get; init; }
}

/// <summary>Thrown by a step handler: <paramref name="path"/> is relative to the step ("$.enable[1]").</summary>
public sealed class RecipeStepException(string path, string message) : Exception(message)
{
    public string Path { get; } = path;
}
