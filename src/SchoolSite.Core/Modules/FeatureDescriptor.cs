namespace SchoolSite.Core.Modules;

/// <summary>A feature a module declares: the unit a tenant enables or disables.</summary>
public sealed record FeatureDescriptor(
    string Id,
    string Name,
    string Description,
    string Category,
    IReadOnlyList<string> Dependencies)
{
    /// <summary>Always on: the tenant cannot work without it (sign-in, the admin shell).</summary>
    public bool IsAlwaysEnabled { get; init; }

    /// <summary>Only the host tenant (the trust) may enable it.</summary>
    public bool IsHostOnly { get; init; }

    public static FeatureDescriptor Create(string id, string name, string description, string category, params string[] dependencies)
        => new(id, name, description, category, dependencies);
}
