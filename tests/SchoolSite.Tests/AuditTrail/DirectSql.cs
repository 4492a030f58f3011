using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SchoolSite.Core.Data;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.AuditTrail;

/// <summary>
/// Plain SQL on one database of an installation, the way someone with a copy of that database (and not the
/// application) would change it.
/// </summary>
public sealed class DirectSql(SchoolSiteFactory factory, string tenant)
{
    public static DirectSql Trust(SchoolSiteFactory factory) => new(factory, TenantDatabases.HostTenantName);

    public async Task<long> ScalarAsync(string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Each row as its columns' values (DBNull as null).</summary>
    public async Task<List<object?[]>> RowsAsync(string sql, params object[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    private async Task<DbConnection> OpenAsync()
    {
        var databases = factory.Services.GetRequiredService<TenantDatabases>();
        DbConnection connection = databases.Provider == DatabaseProvider.PostgreSql
            ? new NpgsqlConnection(databases.ConnectionString(tenant))
            : new SqliteConnection(databases.ConnectionString(tenant));
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Parameters are named @p0, @p1… in the SQL.</summary>
    private static DbCommand Command(DbConnection connection, string sql, object[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "p" + i.ToString(CultureInfo.InvariantCulture);
            parameter.Value = parameters[i];
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
