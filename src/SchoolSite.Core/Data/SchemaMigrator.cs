using FluentMigrator.Runner;
using FluentMigrator.Runner.Initialization;
using FluentMigrator.Runner.VersionTableInfo;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Modules;

namespace SchoolSite.Core.Data;

/// <summary>Brings a tenant's database up to the latest version of every module's schema.</summary>
public sealed class SchemaMigrator(TenantDatabases databases, IEnumerable<SchoolSiteModule> modules, Cluster.IClusterLocks locks)
{
    private readonly MigrationSet[] _sets = modules.SelectMany(m => m.Migrations).ToArray();

    /// <summary>Migrates one database; one node at a time (web nodes starting together, or a node and the command line).</summary>
    public void MigrateUp(string tenant)
    {
        var held = locks.AcquireAsync("migrate:" + tenant, TimeSpan.FromMinutes(10)).GetAwaiter().GetResult();
        try
        {
            var isHost = tenant == TenantDatabases.HostTenantName;
            foreach (var set in Sets(isHost))
            {
                using var services = BuildRunner(set, databases.ConnectionString(tenant));
                using var scope = services.CreateScope();
                scope.ServiceProvider.GetRequiredService<IMigrationRunner>().MigrateUp();
            }
        }
        finally
        {
            held.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Whether a database is behind the code (for the readiness check): true while an upgrade has yet to migrate it.</summary>
    public bool HasPending(string tenant)
    {
        foreach (var set in Sets(tenant == TenantDatabases.HostTenantName))
        {
            using var services = BuildRunner(set, databases.ConnectionString(tenant));
            using var scope = services.CreateScope();
            if (scope.ServiceProvider.GetRequiredService<IMigrationRunner>().HasMigrationsToApplyUp())
            {
                return true;
            }
        }
        return false;
    }

    private IEnumerable<MigrationSet> Sets(bool isHost) => _sets.Where(s => s.Scope == MigrationScope.Tenant || isHost);

    private ServiceProvider BuildRunner(MigrationSet set, string connectionString)
    {
        var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner =>
            {
                if (databases.Provider == DatabaseProvider.PostgreSql)
                {
                    runner.AddPostgres();
                }
                else
                {
                    runner.AddSQLite();
                }
                runner.WithGlobalConnectionString(connectionString)
                    .ScanIn(set.Assembly).For.Migrations();
            })
            .Configure<TypeFilterOptions>(filter =>
            {
                filter.Namespace = set.Namespace;
                filter.NestedNamespaces = false;
            })
            .AddScoped<IVersionTableMetaData>(_ => new ModuleVersionTable(set.VersionTable));
        return services.BuildServiceProvider(validateScopes: false);
    }

    private sealed class ModuleVersionTable(string tableName) : IVersionTableMetaData
    {
        public bool OwnsSchema => false;
        public string SchemaName => string.Empty;
        public string TableName => tableName;
        public string ColumnName => "version";
        public string DescriptionColumnName => "description";
        public string UniqueIndexName => "uc_" + tableName;
        public string AppliedOnColumnName => "applied_on";
        public bool CreateWithPrimaryKey => false;
    }
}
