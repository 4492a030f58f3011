using FluentMigrator;

namespace SchoolSite.Core.Migrations.Host;

[Migration(1, "Tenant registry")]
public sealed class M001_TenantRegistry : Migration
{
    public override void Up()
    {
        Create.Table("tenants")
            .WithColumn("name").AsString(64).PrimaryKey()
            .WithColumn("display_name").AsString(200).NotNullable()
            .WithColumn("state").AsString(20).NotNullable()
            .WithColumn("prefix").AsString(64).Nullable().Unique("ux_tenants_prefix")
            .WithColumn("recipe_name").AsString(200).Nullable()
            .WithColumn("created_utc").AsInt64().NotNullable()
            .WithColumn("updated_utc").AsInt64().NotNullable();
        Create.Table("tenant_hosts")
            .WithColumn("host").AsString(255).PrimaryKey()
            .WithColumn("tenant_name").AsString(64).NotNullable()
                .ForeignKey("fk_tenant_hosts_tenant", "tenants", "name").OnDelete(System.Data.Rule.Cascade);
        Create.Table("registry_version")
            .WithColumn("id").AsInt32().PrimaryKey()
            .WithColumn("version").AsInt64().NotNullable();
        Insert.IntoTable("registry_version").Row(new { id = 1, version = 0L });
    }

    public override void Down()
    {
        Delete.Table("tenant_hosts");
        Delete.Table("tenants");
        Delete.Table("registry_version");
    }
}
