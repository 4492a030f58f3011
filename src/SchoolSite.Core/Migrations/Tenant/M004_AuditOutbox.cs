using FluentMigrator;

namespace SchoolSite.Core.Migrations.Tenant;

/// <summary>
/// Audit entries written with their change, waiting to be sealed into the chain. (Versions 2 and 3 were the
/// kernel's audit table, now the audit trail module's: schools made then have them recorded.)
/// </summary>
[Migration(4, "Audit outbox")]
public sealed class M004_AuditOutbox : Migration
{
    public override void Up()
        => Create.Table("audit_outbox")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("recorded_utc").AsInt64().NotNullable()
            .WithColumn("actor").AsString(int.MaxValue).NotNullable()
            .WithColumn("category").AsString(int.MaxValue).NotNullable()
            .WithColumn("action").AsString(int.MaxValue).NotNullable()
            .WithColumn("subject").AsString(int.MaxValue).NotNullable()
            .WithColumn("before").AsString(int.MaxValue).Nullable()
            .WithColumn("after").AsString(int.MaxValue).Nullable();

    public override void Down() => Delete.Table("audit_outbox");
}
