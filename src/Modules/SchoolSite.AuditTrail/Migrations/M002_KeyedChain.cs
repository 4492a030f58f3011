using System.Data;
using System.Globalization;
using FluentMigrator;

namespace SchoolSite.AuditTrail.Migrations;

/// <summary>
/// Entries say which hash sealed them (existing ones: plain SHA-256), and no two entries can take the same
/// place in the chain, whichever process writes them.
/// </summary>
[Migration(2, "Keyed audit chain")]
public sealed class M002_KeyedChain : Migration
{
    public override void Up()
    {
        Alter.Table("audit_events").AddColumn("hash_scheme").AsInt32().NotNullable().WithDefaultValue(0);
        Execute.WithConnection(UniqueSequence);
    }

    public override void Down()
    {
        Execute.Sql("drop index if exists ux_audit_events_sequence");
        Delete.Column("hash_scheme").FromTable("audit_events");
    }

    /// <summary>
    /// Entries from before the chain (when the kernel kept the table) all have sequence 0, so they are left out of
    /// the index. A chain already forked by two writers is left as it is, for verify to report, and gets no index.
    /// </summary>
    private static void UniqueSequence(IDbConnection connection, IDbTransaction transaction)
    {
        if (Convert.ToInt64(Run(connection, transaction, "select count(*) from (select sequence from audit_events where sequence > 0 group by sequence having count(*) > 1) forks", scalar: true), CultureInfo.InvariantCulture) > 0)
        {
            return;
        }
        Run(connection, transaction, "create unique index ux_audit_events_sequence on audit_events (sequence) where sequence > 0", scalar: false);
        Run(connection, transaction, "drop index if exists ix_audit_events_sequence", scalar: false);
    }

    private static object? Run(IDbConnection connection, IDbTransaction transaction, string sql, bool scalar)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return scalar ? command.ExecuteScalar() : command.ExecuteNonQuery();
    }
}
