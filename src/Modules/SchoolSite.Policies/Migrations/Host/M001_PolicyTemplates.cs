using FluentMigrator;

namespace SchoolSite.Policies.Migrations.Host;

/// <summary>The trust's own wording of policy pages, in the trust's database so that every web node makes schools from it.</summary>
[Migration(1, "The trust's policy templates")]
public sealed class M001_PolicyTemplates : Migration
{
    public override void Up()
    {
        Create.Table("policy_templates")
            .WithColumn("key").AsString(64).PrimaryKey()
            .WithColumn("position").AsInt32().NotNullable()
            .WithColumn("item").AsString(int.MaxValue).NotNullable();
    }

    public override void Down() => Delete.Table("policy_templates");
}
