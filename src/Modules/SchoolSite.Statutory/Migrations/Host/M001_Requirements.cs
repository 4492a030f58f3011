using FluentMigrator;

namespace SchoolSite.Statutory.Migrations.Host;

[Migration(1, "The trust's list of what schools must publish, and its daily counts")]
public sealed class M001_Requirements : Migration
{
    public override void Up()
    {
        Create.Table("statutory_requirements")
            .WithColumn("key").AsString(64).PrimaryKey()
            .WithColumn("title").AsString(200).NotNullable()
            .WithColumn("description").AsString(2000).NotNullable()
            .WithColumn("phases").AsString(200).NotNullable()
            .WithColumn("types").AsString(200).NotNullable()
            .WithColumn("sixth_form_only").AsBoolean().NotNullable()
            .WithColumn("review_every_months").AsInt32().Nullable()
            .WithColumn("review_by").AsString(5).Nullable()
            .WithColumn("outside_link_allowed").AsBoolean().NotNullable()
            .WithColumn("position").AsInt32().NotNullable();
        Create.Table("statutory_snapshots")
            .WithColumn("day").AsString(10).NotNullable().PrimaryKey("pk_statutory_snapshots")
            .WithColumn("school").AsString(64).NotNullable().PrimaryKey("pk_statutory_snapshots")
            .WithColumn("met").AsInt32().NotNullable()
            .WithColumn("due").AsInt32().NotNullable()
            .WithColumn("overdue").AsInt32().NotNullable()
            .WithColumn("missing").AsInt32().NotNullable();
    }

    public override void Down()
    {
        Delete.Table("statutory_snapshots");
        Delete.Table("statutory_requirements");
    }
}
