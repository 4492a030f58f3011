using FluentMigrator;

namespace SchoolSite.Contents.Migrations;

[Migration(1, "Content items, versions, redirects and definitions")]
public sealed class M001_Contents : Migration
{
    public override void Up()
    {
        Create.Table("content_items")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("content_item_id").AsString(40).NotNullable()
            .WithColumn("content_item_version_id").AsString(40).NotNullable().Unique("ux_content_items_version")
            .WithColumn("content_type").AsString(100).NotNullable()
            .WithColumn("display_text").AsString(int.MaxValue).NotNullable()
            .WithColumn("latest").AsBoolean().NotNullable()
            .WithColumn("published").AsBoolean().NotNullable()
            .WithColumn("owner").AsString(64).Nullable()
            .WithColumn("author").AsString(256).Nullable()
            .WithColumn("created_utc").AsInt64().NotNullable()
            .WithColumn("modified_utc").AsInt64().NotNullable()
            .WithColumn("published_utc").AsInt64().Nullable()
            .WithColumn("deleted_utc").AsInt64().Nullable()
            .WithColumn("revision").AsInt32().NotNullable()
            .WithColumn("version_number").AsInt32().NotNullable()
            .WithColumn("path").AsString(500).Nullable()
            .WithColumn("data").AsString(int.MaxValue).NotNullable();
        Create.Index("ix_content_items_item_latest").OnTable("content_items").OnColumn("content_item_id").Ascending().OnColumn("latest").Ascending();
        Create.Index("ix_content_items_type_published").OnTable("content_items").OnColumn("content_type").Ascending().OnColumn("published").Ascending();
        Create.Index("ix_content_items_path").OnTable("content_items").OnColumn("path").Ascending();

        Create.Table("content_redirects")
            .WithColumn("path").AsString(500).PrimaryKey()
            .WithColumn("content_item_id").AsString(40).NotNullable();

        Create.Table("content_definitions")
            .WithColumn("id").AsInt32().PrimaryKey()
            .WithColumn("json").AsString(int.MaxValue).NotNullable();
    }

    public override void Down()
    {
        Delete.Table("content_items");
        Delete.Table("content_redirects");
        Delete.Table("content_definitions");
    }
}
