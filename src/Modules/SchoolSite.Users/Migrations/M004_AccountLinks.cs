using FluentMigrator;

namespace SchoolSite.Users.Migrations;

[Migration(4, "Links e-mailed to choose a password: invitations and password resets")]
public sealed class M004_AccountLinks : Migration
{
    public override void Up()
    {
        Create.Table("account_links")
            .WithColumn("id").AsInt32().PrimaryKey().Identity()
            .WithColumn("user_id").AsString(64).NotNullable().ForeignKey("fk_account_links_user", "users", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("purpose").AsString(20).NotNullable()
            .WithColumn("token_hash").AsString(64).NotNullable().Unique("ux_account_links_hash")
            .WithColumn("created_utc").AsInt64().NotNullable()
            .WithColumn("expires_utc").AsInt64().NotNullable()
            .WithColumn("sent_by").AsString(256).NotNullable();
        Create.Index("ix_account_links_user").OnTable("account_links").OnColumn("user_id").Ascending();
    }

    public override void Down() => Delete.Table("account_links");
}
