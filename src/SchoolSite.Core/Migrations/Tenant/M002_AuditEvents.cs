using FluentMigrator;

namespace SchoolSite.Core.Migrations.Tenant;

[Migration(2, "Audit events")]
public sealed class M002_AuditEvents : Migration
{
    public override void Up()
    {
        Create.Table("audit_events")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("recorded_utc").AsInt64().NotNullable()
            .WithColumn("actor").AsString(256).NotNullable()
            .WithColumn("category").AsString(40).NotNullable()
            .WithColumn("action").AsString(80).NotNullable()
            .WithColumn("subject").AsString(200).NotNullable()
            .WithColumn("before").AsString(int.MaxValue).Nullable()
            .WithColumn("after").AsString(int.MaxValue).Nullable();
        Create.Index("ix_audit_events_subject").OnTable("audit_events").OnColumn("subject").Ascending();
    }

    public override void Down() => Delete.Table("audit_events");
}
