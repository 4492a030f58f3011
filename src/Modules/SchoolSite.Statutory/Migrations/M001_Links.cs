using FluentMigrator;

namespace SchoolSite.Statutory.Migrations;

[Migration(1, "What meets each requirement a school must publish, and the reminders sent")]
public sealed class M001_Links : Migration
{
    public override void Up()
    {
        Create.Table("statutory_links")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("requirement_key").AsString(64).NotNullable()
            .WithColumn("content_item_id").AsString(40).Nullable()
            .WithColumn("outside_url").AsString(2000).Nullable()
            .WithColumn("outside_title").AsString(200).Nullable()
            .WithColumn("linked_by").AsString(200).NotNullable()
            .WithColumn("linked_utc").AsInt64().NotNullable();
        Create.Index("ix_statutory_links_requirement").OnTable("statutory_links").OnColumn("requirement_key");
        Create.Table("statutory_reminders")
            .WithColumn("requirement_key").AsString(64).PrimaryKey()
            .WithColumn("state").AsString(20).NotNullable()
            .WithColumn("sent_utc").AsInt64().NotNullable();
    }

    public override void Down()
    {
        Delete.Table("statutory_reminders");
        Delete.Table("statutory_links");
    }
}
