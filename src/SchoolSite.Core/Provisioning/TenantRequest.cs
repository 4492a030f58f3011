namespace SchoolSite.Core.Provisioning;

/// <summary>What a trust administrator asks for when creating a school site (CLI, API or dashboard form).</summary>
public sealed record TenantRequest
{
    public string? Name { get; init; }
    public string? DisplayName { get; init; }
    public string? Prefix { get; init; }
    public IReadOnlyList<string>? Hosts { get; init; }
    public string? Recipe { get; init; }
    public string? AdminEmail { get; init; }
    public string? AdminPassword { get; init; }
}

public enum ProvisioningOutcome
{
    Created,
    Invalid,
    Conflict,
    RecipeFailed,
    Failed,
}

/// <summary>
/// The result of provisioning. <see cref="Errors"/> maps a field name (or a recipe step and JSON path)
/// to what is wrong with it.
/// </summary>
public sealed record ProvisioningResult(ProvisioningOutcome Outcome, IReadOnlyDictionary<string, string[]> Errors)
{
    public string? TenantName { get; init; }
    public string? PathBase { get; init; }
    public IReadOnlyList<string> Hosts { get; init; } = [];
    public string? GeneratedAdminPassword { get; init; }
    public IReadOnlyList<Recipes.RecipeError> RecipeErrors { get; init; } = [];

    public bool Succeeded => Outcome == ProvisioningOutcome.Created;

    public string Describe() => string.Join(Environment.NewLine,
        Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));

    public static ProvisioningResult Fail(ProvisioningOutcome outcome, string field, string message)
        => new(outcome, new Dictionary<string, string[]> { [field] = [message] });
}
