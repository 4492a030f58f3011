using FluentMigrator;

namespace SchoolSite.Consent.Migrations;

[Migration(3, "Secure links for carers to give or withdraw consent")]
public sealed class M003_ConsentLinks : Migration
{
    public override void Up()
    {
        Create.Table("consent_links")
            .WithColumn("id").AsString(40).PrimaryKey()
            .WithColumn("token_hash").AsString(64).NotNullable().Unique("ux_consent_links_token_hash")
            .WithColumn("person_id").AsString(40).NotNullable().ForeignKey("fk_consent_links_person", "people", "id")
            .WithColumn("carer_name").AsString(200).NotNullable()
            .WithColumn("created_by").AsString(256).NotNullable()
            .WithColumn("created_utc").AsInt64().NotNullable()
            .WithColumn("expires_utc").AsInt64().NotNullable()
            .WithColumn("revoked_utc").AsInt64().Nullable()
            .WithColumn("last_used_utc").AsInt64().Nullable();
    }

    public override void Down() => Delete.Table("consent_links");
}
