namespace SchoolSite.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Configuration section <c>SchoolSite:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// For PostgreSQL: a server connection string. Its <c>Database</c> is the host tenant's database;
    /// each school gets <c>{database}_{tenant}</c> on the same server. Unused for SQLite.
    /// </summary>
    public string? ConnectionString { get; set; }
}

/// <summary>Configuration section <c>SchoolSite</c>: where the installation keeps its files.</summary>
public sealed class SchoolSiteOptions
{
    /// <summary>Folder for tenant databases, media and keys. Relative paths are under the content root.</summary>
    public string AppDataPath { get; set; } = "App_Data";

    /// <summary>Request hosts the trust dashboard answers on; empty means any host not claimed by a school.</summary>
    public List<string> Hosts { get; set; } = [];

    /// <summary>Folder holding the recipe files; relative paths are under the application's base folder.</summary>
    public string RecipesPath { get; set; } = "recipes";

    /// <summary>
    /// Where people reach the trust dashboard, e.g. "https://schools.trust.example". Its host is the trust's
    /// (no school may claim it); when it is https, the site sends HSTS, redirects http and marks cookies Secure.
    /// </summary>
    public string? PublicOrigin { get; set; }

    /// <summary>
    /// Reverse proxies (IP addresses or CIDR networks) whose X-Forwarded-For and X-Forwarded-Proto are believed;
    /// a forwarded header from any other address is ignored.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];
}
