using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SchoolSite.Core.Data;

/// <summary>
/// Where each tenant's database lives and how to create, open and remove it. Every tenant has its
/// own database, so no query can reach another school's data.
/// </summary>
public sealed class TenantDatabases
{
    public const string HostTenantName = "Default";

    private readonly DatabaseOptions _options;
    private readonly string _appData;

    public TenantDatabases(IOptions<DatabaseOptions> options, AppDataFolder appData)
    {
        _options = options.Value;
        _appData = appData.Path;
        if (_options.Provider == DatabaseProvider.PostgreSql && string.IsNullOrWhiteSpace(_options.ConnectionString))
        {
            throw new InvalidOperationException("SchoolSite:Database:ConnectionString is required when SchoolSite:Database:Provider is PostgreSql.");
        }
    }

    public DatabaseProvider Provider => _options.Provider;

    public string ConnectionString(string tenant) => _options.Provider switch
    {
        DatabaseProvider.PostgreSql => new NpgsqlConnectionStringBuilder(_options.ConnectionString) { Database = PostgresDatabaseName(tenant) }.ConnectionString,
        _ => new SqliteConnectionStringBuilder { DataSource = SqliteFile(tenant) }.ConnectionString,
    };

    public void Configure(DbContextOptionsBuilder builder, string tenant)
    {
        if (_options.Provider == DatabaseProvider.PostgreSql)
        {
            builder.UseNpgsql(ConnectionString(tenant));
        }
        else
        {
            builder.UseSqlite(ConnectionString(tenant));
        }
        builder.UseSnakeCaseNamingConvention();
    }

    public async Task<bool> ExistsAsync(string tenant, CancellationToken cancellationToken = default)
    {
        if (_options.Provider != DatabaseProvider.PostgreSql)
        {
            return File.Exists(SqliteFile(tenant));
        }
        await using var connection = new NpgsqlConnection(MaintenanceConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        command.Parameters.AddWithValue("name", PostgresDatabaseName(tenant));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Creates the tenant's empty database; refuses when one is already there.</summary>
    public async Task CreateAsync(string tenant, CancellationToken cancellationToken = default)
    {
        if (_options.Provider != DatabaseProvider.PostgreSql)
        {
            var file = SqliteFile(tenant);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            await using var connection = new SqliteConnection(ConnectionString(tenant));
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            // WAL lets the public site read while an editor writes.
            command.CommandText = "PRAGMA journal_mode=WAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return;
        }
        await using var pg = new NpgsqlConnection(MaintenanceConnectionString());
        await pg.OpenAsync(cancellationToken);
        await using var create = new NpgsqlCommand($"create database {QuotePg(PostgresDatabaseName(tenant))} encoding 'UTF8'", pg);
        await create.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Removes the tenant's database (and, for SQLite, its folder). Used when provisioning fails.</summary>
    public async Task DropAsync(string tenant, CancellationToken cancellationToken = default)
    {
        if (_options.Provider != DatabaseProvider.PostgreSql)
        {
            await using (var connection = new SqliteConnection(ConnectionString(tenant)))
            {
                SqliteConnection.ClearPool(connection);
            }
            var folder = Path.GetDirectoryName(SqliteFile(tenant))!;
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
            return;
        }
        await using (var tenantConnection = new NpgsqlConnection(ConnectionString(tenant)))
        {
            NpgsqlConnection.ClearPool(tenantConnection);
        }
        await using var pg = new NpgsqlConnection(MaintenanceConnectionString());
        await pg.OpenAsync(cancellationToken);
        await using var drop = new NpgsqlCommand($"drop database if exists {QuotePg(PostgresDatabaseName(tenant))} with (force)", pg);
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    public string SqliteFile(string tenant) => Path.Combine(_appData, "Sites", tenant, "site.db");

    public string PostgresDatabaseName(string tenant)
    {
        var hostDatabase = new NpgsqlConnectionStringBuilder(_options.ConnectionString).Database ?? "schoolsite";
        return tenant == HostTenantName ? hostDatabase : $"{hostDatabase}_{tenant.Replace('-', '_')}";
    }

    private string MaintenanceConnectionString()
        => new NpgsqlConnectionStringBuilder(_options.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;

    private static string QuotePg(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
