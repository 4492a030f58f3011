using FluentMigrator;

namespace SchoolSite.Core.Migrations.Host;

[Migration(2, "When each school next has background work due")]
public sealed class M002_JobAlarms : Migration
{
    public override void Up()
    {
        Create.Table("job_alarms")
            .WithColumn("school").AsString(64).PrimaryKey("pk_job_alarms")
                .ForeignKey("fk_job_alarms_tenant", "tenants", "name").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("job").AsString(100).PrimaryKey("pk_job_alarms")
            .WithColumn("due_utc").AsInt64().Nullable();
        Create.Index("ix_job_alarms_due").OnTable("job_alarms").OnColumn("due_utc");
    }

    public override void Down() => Delete.Table("job_alarms");
}
