using Npgsql;

namespace SchoolSite.Tests.Infrastructure;

/// <summary>
/// The database engines the data-layer tests run on. PostgreSQL is the real server the test command
/// starts; its connection string comes from SCHOOLSITE_TEST_POSTGRES.
/// </summary>
public static class TestDatabase
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";
    public const string PostgresVariable = "SCHOOLSITE_TEST_POSTGRES";

    public static string PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"{PostgresVariable} is not set. Run the tests through the README's test command (./test.sh), which starts a PostgreSQL server.");

    /// <summary>Drops the host database and every tenant database made for one test host.</summary>
    public static void DropAll(string hostDatabase)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        var names = new List<string>();
        using (var list = new NpgsqlCommand("select datname from pg_database where datname = @host or datname like @prefix", connection))
        {
            list.Parameters.AddWithValue("host", hostDatabase);
            list.Parameters.AddWithValue("prefix", hostDatabase + "\\_%");
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }
        NpgsqlConnection.ClearAllPools();
        foreach (var name in names)
        {
            using var drop = new NpgsqlCommand($"drop database if exists \"{name}\" with (force)", connection);
            drop.ExecuteNonQuery();
        }
    }
}
