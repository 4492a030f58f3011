using FluentMigrator;

namespace SchoolSite.Policies.Migrations;

[Migration(1, "Policy versions to acknowledge, and acknowledgements")]
public sealed class M001_Policies : Migration
{
    public override void Up()
    {
        Create.Table("policy_versions")
            .WithColumn("content_item_id").AsString(40).PrimaryKey()
            .WithColumn("number").AsInt32().NotNullable()
            .WithColumn("content_item_version_id").AsString(40).NotNullable()
            .WithColumn("label").AsString(100).Nullable()
            .WithColumn("requires_acknowledgement").AsBoolean().NotNullable()
            .WithColumn("published_utc").AsInt64().NotNullable();
        Create.Table("policy_acknowledgements")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("content_item_id").AsString(40).NotNullable()
            .WithColumn("number").AsInt32().NotNullable()
            .WithColumn("user_id").AsString(64).NotNullable()
            .WithColumn("acknowledged_utc").AsInt64().NotNullable();
        Create.Index("ux_policy_acknowledgements").OnTable("policy_acknowledgements")
            .OnColumn("content_item_id").Ascending().OnColumn("number").Ascending().OnColumn("user_id").Ascending().WithOptions().Unique();
    }

    public override void Down()
    {
        Delete.Table("policy_acknowledgements");
        Delete.Table("policy_versions");
    }
}
