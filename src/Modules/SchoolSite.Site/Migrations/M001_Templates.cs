using FluentMigrator;

namespace SchoolSite.Site.Migrations;

[Migration(1, "Template overrides")]
public sealed class M001_Templates : Migration
{
    public override void Up() => Create.Table("theme_templates")
        .WithColumn("name").AsString(64).PrimaryKey()
        .WithColumn("source").AsString(int.MaxValue).NotNullable();

    public override void Down() => Delete.Table("theme_templates");
}
