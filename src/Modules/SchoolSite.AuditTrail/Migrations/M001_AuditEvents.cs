using FluentMigrator;

namespace SchoolSite.AuditTrail.Migrations;

/// <summary>
/// The audit table. Schools made before the audit trail became a module of its own already have it
/// (the kernel made it then), so it is only created where it is missing.
/// </summary>
[Migration(1, "Audit events as a hash chain")]
public sealed class M001_AuditEvents : Migration
{
    public override void Up()
    {
        if (Schema.Table("audit_events").Exists())
        {
            return;
        }
        Create.Table("audit_events")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("recorded_utc").AsInt64().NotNullable()
            .WithColumn("actor").AsString(256).NotNullable()
            .WithColumn("category").AsString(40).NotNullable()
            .WithColumn("action").AsString(80).NotNullable()
            .WithColumn("subject").AsString(200).NotNullable()
            .WithColumn("before").AsString(int.MaxValue).Nullable()
            .WithColumn("after").AsString(int.MaxValue).Nullable()
            .WithColumn("sequence").AsInt64().NotNullable().WithDefaultValue(0)
            .WithColumn("previous_hash").AsString(64).NotNullable().WithDefaultValue("")
            .WithColumn("hash").AsString(64).NotNullable().WithDefaultValue("");
        Create.Index("ix_audit_events_subject").OnTable("audit_events").OnColumn("subject").Ascending();
        Create.Index("ix_audit_events_sequence").OnTable("audit_events").OnColumn("sequence").Ascending();
    }

    public override void Down() => Delete.Table("audit_events");
}
