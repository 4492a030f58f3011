using FluentMigrator;

namespace SchoolSite.Consent.Migrations;

[Migration(4, "Copies of pictures outside the website still to be taken down")]
public sealed class M004_TakedownTasks : Migration
{
    public override void Up()
    {
        Create.Table("takedown_tasks")
            .WithColumn("id").AsString(40).PrimaryKey()
            .WithColumn("person_id").AsString(40).NotNullable().ForeignKey("fk_takedown_tasks_person", "people", "id")
            .WithColumn("content_item_id").AsString(40).NotNullable()
            .WithColumn("item_title").AsString(300).NotNullable()
            .WithColumn("place").AsString(500).NotNullable()
            .WithColumn("pictures").AsString(int.MaxValue).NotNullable()
            .WithColumn("reason").AsString(500).NotNullable()
            .WithColumn("created_utc").AsInt64().NotNullable()
            .WithColumn("done_by").AsString(256).Nullable()
            .WithColumn("done_utc").AsInt64().Nullable()
            .WithColumn("note").AsString(int.MaxValue).Nullable();
        Create.Index("ix_takedown_tasks_person").OnTable("takedown_tasks").OnColumn("person_id").Ascending();
    }

    public override void Down() => Delete.Table("takedown_tasks");
}
