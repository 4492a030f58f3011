using FluentMigrator;

namespace SchoolSite.Media.Migrations;

[Migration(2, "A change that would show a picture more widely waits for a second person")]
public sealed class M002_ProposedChanges : Migration
{
    public override void Up() => Alter.Table("media_items")
        .AddColumn("proposed_people_ids").AsString(int.MaxValue).Nullable()
        .AddColumn("proposed_nobody").AsBoolean().Nullable()
        .AddColumn("proposed_by_id").AsString(64).Nullable()
        .AddColumn("proposed_by_name").AsString(256).Nullable()
        .AddColumn("proposed_utc").AsInt64().Nullable()
        .AddColumn("proposed_reason").AsString(int.MaxValue).Nullable();

    public override void Down()
    {
        foreach (var column in new[] { "proposed_people_ids", "proposed_nobody", "proposed_by_id", "proposed_by_name", "proposed_utc", "proposed_reason" })
        {
            Delete.Column(column).FromTable("media_items");
        }
    }
}
