using FluentMigrator;

namespace SchoolSite.Workflows.Migrations;

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
        Create.Table("notifications")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("user_id").AsString(64).NotNullable().Indexed("ix_notifications_user")
            .WithColumn("kind").AsString(40).NotNullable()
            .WithColumn("content_item_id").AsString(40).Nullable()
            .WithColumn("subject").AsString(300).NotNullable()
            .WithColumn("message").AsString(int.MaxValue).NotNullable()
            .WithColumn("created_utc").AsInt64().NotNullable()
            .WithColumn("read_utc").AsInt64().Nullable()
            .WithColumn("email").AsString(256).Nullable()
            .WithColumn("email_sent_utc").AsInt64().Nullable()
            .WithColumn("email_attempts").AsInt32().NotNullable()
            .WithColumn("next_email_attempt_utc").AsInt64().Nullable()
            .WithColumn("email_error").AsString(int.MaxValue).Nullable();
    }

    public override void Down()
    {
        Delete.Table("notifications");
        Delete.Table("workflow_events");
        Delete.Table("workflow_instances");
        Delete.Table("workflow_types");
    }
}
