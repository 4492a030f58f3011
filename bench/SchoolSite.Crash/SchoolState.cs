using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SchoolSite.Crash;

public sealed record PersonRow(string Id, string ExternalId);

public sealed record ConsentRow(long Id, string PersonId, string Purpose, string Status, string? GivenBy, DateTime RecordedUtc);

public sealed record EntryRow(long Sequence, string Category, string Action, string Subject, string? After);

/// <summary>
/// What the school's database holds, read directly (read-only, plain SQL that both engines take): the register, the
/// consent records, the sealed audit entries for people and consent, and what is still waiting in the outbox.
/// </summary>
public sealed class SchoolState
{
    public required IReadOnlyList<PersonRow> People { get; init; }
    public required IReadOnlyList<ConsentRow> Consents { get; init; }
    public required IReadOnlyList<EntryRow> Entries { get; init; }
    public required long Outbox { get; init; }

    public static async Task<SchoolState> ReadAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // One snapshot for all four reads: a host sealing entries meanwhile cannot make a change look unaudited.
        // SQLite: a deferred transaction (the default, BEGIN IMMEDIATE, would want the write lock of a read-only file).
        await using var transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var people = await QueryAsync(connection, transaction, "select id, external_id from people",
            r => new PersonRow(r.GetString(0), r.GetString(1)), cancellationToken);
        var consents = await QueryAsync(connection, transaction, "select id, person_id, purpose, status, given_by, recorded_utc from consent_records",
            r => new ConsentRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4),
                DateTime.UnixEpoch.AddMilliseconds(r.GetInt64(5))), cancellationToken);
        var entries = await QueryAsync(connection, transaction,
            "select sequence, category, action, subject, after from audit_events where category in ('people', 'consent')",
            r => new EntryRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4)), cancellationToken);
        var outbox = (await QueryAsync(connection, transaction, "select count(*) from audit_outbox", r => r.GetInt64(0), cancellationToken))[0];
        await transaction.CommitAsync(cancellationToken);
        return new SchoolState { People = people, Consents = consents, Entries = entries, Outbox = outbox };
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, DbTransaction transaction, string sql, Func<DbDataReader, T> read,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }
        return rows;
    }
}
