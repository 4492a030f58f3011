using FluentMigrator;

namespace SchoolSite.Workflows.Migrations;

// Notifications were made here too until they became a module of their own (SchoolSite.Notifications).
[Migration(1, "Workflow types, instances, history and notifications")]
public sealed class M001_Workflows : Migration
{
    public override void Up()
    {
        Create.Table("workflow_types")
            .WithColumn("name").AsString(64).PrimaryKey()
            .WithColumn("json").AsString(int.MaxValue).NotNullable();
        Create.Table("workflow_instances")
            .WithColumn("content_item_id").AsString(40).PrimaryKey()
            .WithColumn("workflow_type").AsString(64).NotNullable()
            .WithColumn("state").AsString(40).NotNullable()
            .WithColumn("editors").AsString(int.MaxValue).NotNullable()
            .WithColumn("submitted_by").AsString(64).Nullable()
            .WithColumn("checked_by").AsString(64).Nullable()
            .WithColumn("checked_hash").AsString(64).Nullable()
            .WithColumn("approved_by").AsString(64).Nullable()
            .WithColumn("approved_hash").AsString(64).Nullable()
            .WithColumn("publish_at_utc").AsInt64().Nullable()
            .WithColumn("unpublish_at_utc").AsInt64().Nullable()
            .WithColumn("last_error").AsString(int.MaxValue).Nullable()
            .WithColumn("updated_utc").AsInt64().NotNullable()
            .WithColumn("revision").AsInt32().NotNullable();
        Create.Table("workflow_events")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("content_item_id").AsString(40).NotNullable().Indexed("ix_workflow_events_item")
            .WithColumn("transition").AsString(64).NotNullable()
            .WithColumn("from_state").AsString(40).NotNullable()
            .WithColumn("to_state").AsString(40).NotNullable()
            .WithColumn("actor_id").AsString(64).Nullable()
            .WithColumn("actor_name").AsString(256).NotNullable()
            .WithColumn("comment").AsString(int.MaxValue).Nullable()
            .WithColumn("version_hash").AsString(64).Nullable()
            .WithColumn("at_utc").AsInt64().NotNullable();
    }

    public override void Down()
    {
        Delete.Table("workflow_events");
        Delete.Table("workflow_instances");
        Delete.Table("workflow_types");
    }
}
