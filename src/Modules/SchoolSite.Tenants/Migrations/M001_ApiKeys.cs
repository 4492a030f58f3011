using FluentMigrator;

namespace SchoolSite.Tenants.Migrations;

[Migration(1, "Trust API keys")]
public sealed class M001_ApiKeys : Migration
{
    public override void Up()
    {
        Create.Table("api_keys")
            .WithColumn("id").AsInt32().PrimaryKey().Identity()
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("key_hash").AsString(64).NotNullable().Unique("ux_api_keys_key_hash")
            .WithColumn("preview").AsString(16).NotNullable()
            .WithColumn("created_utc").AsInt64().NotNullable()
            .WithColumn("created_by").AsString(256).Nullable()
            .WithColumn("last_used_utc").AsInt64().Nullable()
            .WithColumn("revoked").AsBoolean().NotNullable();
    }

    public override void Down() => Delete.Table("api_keys");
}
