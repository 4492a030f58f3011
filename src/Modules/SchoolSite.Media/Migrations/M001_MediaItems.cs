using FluentMigrator;

namespace SchoolSite.Media.Migrations;

[Migration(1, "Media library")]
public sealed class M001_MediaItems : Migration
{
    public override void Up() => Create.Table("media_items")
        .WithColumn("id").AsString(40).PrimaryKey()
        .WithColumn("kind").AsString(10).NotNullable()
        .WithColumn("content_type").AsString(40).NotNullable()
        .WithColumn("width").AsInt32().NotNullable()
        .WithColumn("height").AsInt32().NotNullable()
        .WithColumn("size").AsInt64().NotNullable()
        .WithColumn("alt_text").AsString(int.MaxValue).Nullable()
        .WithColumn("caption").AsString(int.MaxValue).Nullable()
        .WithColumn("folder").AsString(200).Nullable()
        .WithColumn("uploaded_by").AsString(256).Nullable()
        .WithColumn("uploaded_utc").AsInt64().NotNullable()
        .WithColumn("no_identifiable_people").AsBoolean().NotNullable()
        .WithColumn("people_ids").AsString(int.MaxValue).NotNullable()
        .WithColumn("renditions").AsString(200).NotNullable();

    public override void Down() => Delete.Table("media_items");
}
