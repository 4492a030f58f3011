using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SchoolSite.Core.Data;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Host;

/// <summary>
/// What a database holds, as one hash per table: taken before and after a request, a difference means the request
/// stored something. Read straight from the database (every table, every row), so no module's own listing can hide a change.
/// </summary>
public sealed class StoredState(SchoolSiteFactory factory, params string[] tenants)
{
    private readonly TenantDatabases _databases = factory.Services.GetRequiredService<TenantDatabases>();

    public async Task<Dictionary<string, string>> TakeAsync()
    {
        var state = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tenant in tenants)
        {
            await using var connection = Open(tenant);
            await connection.OpenAsync();
            foreach (var table in await TablesAsync(connection))
            {
                state[$"{tenant}.{table}"] = await HashAsync(connection, table);
            }
        }
        return state;
    }

    /// <summary>The tables whose contents differ between two states.</summary>
    public static List<string> Changed(Dictionary<string, string> before, Dictionary<string, string> after)
        => before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)).Order().ToList();

    private DbConnection Open(string tenant) => _databases.Provider == DatabaseProvider.PostgreSql
        ? new NpgsqlConnection(_databases.ConnectionString(tenant))
        : new SqliteConnection(_databases.ConnectionString(tenant));

    private static async Task<List<string>> TablesAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = connection is SqliteConnection
            ? "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
            : "select tablename from pg_tables where schemaname = 'public'";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }

    private static async Task<string> HashAsync(DbConnection connection, string table)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"select * from \"{table}\"";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        var row = new StringBuilder();
        while (await reader.ReadAsync())
        {
            row.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row.Append(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)).Append('\u001F');
            }
            rows.Add(row.ToString());
        }
        rows.Sort(StringComparer.Ordinal);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001E', rows))))[..16] + $" ({rows.Count} rows)";
    }
}
