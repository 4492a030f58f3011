using System.Reflection;

namespace SchoolSite.Core.Data;

public enum MigrationScope
{
    /// <summary>Tables in the host tenant's database only (tenant registry, trust API keys).</summary>
    Host,

    /// <summary>Tables every tenant has, the host included (users, roles, features, settings).</summary>
    Tenant,
}

/// <summary>
/// One module's versioned schema steps: the FluentMigrator migrations in <paramref name="Namespace"/>,
/// tracked in their own version table so modules can evolve independently in one database.
/// </summary>
public sealed record MigrationSet(string Module, Assembly Assembly, string Namespace, MigrationScope Scope)
{
    public string VersionTable => "schema_versions_" + Module.ToLowerInvariant().Replace('.', '_');

    public static MigrationSet For<TMarker>(string module, MigrationScope scope)
        => new(module, typeof(TMarker).Assembly, typeof(TMarker).Namespace!, scope);
}
