using FluentMigrator;

namespace SchoolSite.Core.Migrations.Tenant;

[Migration(3, "Audit events form a hash chain")]
public sealed class M003_AuditChain : Migration
{
    public override void Up()
    {
        Alter.Table("audit_events")
            .AddColumn("sequence").AsInt64().NotNullable().WithDefaultValue(0)
            .AddColumn("previous_hash").AsString(64).NotNullable().WithDefaultValue("")
            .AddColumn("hash").AsString(64).NotNullable().WithDefaultValue("");
        Create.Index("ix_audit_events_sequence").OnTable("audit_events").OnColumn("sequence").Ascending();
    }

    public override void Down()
    {
        Delete.Index("ix_audit_events_sequence").OnTable("audit_events");
        Delete.Column("sequence").FromTable("audit_events");
        Delete.Column("previous_hash").FromTable("audit_events");
        Delete.Column("hash").FromTable("audit_events");
    }
}
