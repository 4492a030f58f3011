using FluentMigrator;

namespace SchoolSite.Notifications.Migrations;

/// <summary>
/// Notifications and the e-mail queue. Schools made while notifications belonged to the review module
/// already have the table (its first migration made it then), so it is only created where it is missing.
/// </summary>
[Migration(1, "Notifications")]
public sealed class M001_Notifications : Migration
{
    public override void Up()
    {
        if (Schema.Table("notifications").Exists())
        {
            return;
        }
        Create.Table("notifications")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("user_id").AsString(64).NotNullable()
            .WithColumn("kind").AsString(40).NotNullable()
            .WithColumn("content_item_id").AsString(40).Nullable()
            .WithColumn("subject").AsString(300).NotNullable()
            .WithColumn("message").AsString(int.MaxValue).NotNullable()
            .WithColumn("created_utc").AsInt64().NotNullable()
            .WithColumn("read_utc").AsInt64().Nullable()
            .WithColumn("email").AsString(256).Nullable()
            .WithColumn("email_sent_utc").AsInt64().Nullable()
            .WithColumn("email_attempts").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("next_email_attempt_utc").AsInt64().Nullable()
            .WithColumn("email_error").AsString(int.MaxValue).Nullable();
        Create.Index("ix_notifications_user").OnTable("notifications").OnColumn("user_id").Ascending();
    }

    public override void Down() => Delete.Table("notifications");
}
