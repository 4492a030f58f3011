using FluentMigrator;

namespace SchoolSite.Users.Migrations;

[Migration(2, "Personal API tokens")]
public sealed class M002_PersonalTokens : Migration
{
    public override void Up()
    {
        Create.Table("personal_tokens")
            .WithColumn("id").AsInt32().PrimaryKey().Identity()
            .WithColumn("user_id").AsString(64).NotNullable().ForeignKey("fk_personal_tokens_user", "users", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("name").AsString(200).NotNullable()
            .WithColumn("token_hash").AsString(64).NotNullable().Unique("ux_personal_tokens_hash")
            .WithColumn("preview").AsString(16).NotNullable()
            .WithColumn("created_utc").AsInt64().NotNullable()
            .WithColumn("revoked").AsBoolean().NotNullable();
    }

    public override void Down() => Delete.Table("personal_tokens");
}
