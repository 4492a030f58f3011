using FluentMigrator;

namespace SchoolSite.Core.Migrations.Tenant;

[Migration(1, "Enabled features and site settings")]
public sealed class M001_FeaturesAndSettings : Migration
{
    public override void Up()
    {
        Create.Table("enabled_features")
            .WithColumn("feature_id").AsString(200).PrimaryKey();
        Create.Table("site_settings")
            .WithColumn("id").AsInt32().PrimaryKey()
            .WithColumn("json").AsString(int.MaxValue).NotNullable();
    }

    public override void Down()
    {
        Delete.Table("enabled_features");
        Delete.Table("site_settings");
    }
}
