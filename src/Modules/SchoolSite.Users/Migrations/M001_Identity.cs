using FluentMigrator;

namespace SchoolSite.Users.Migrations;

[Migration(1, "Users, roles, claims, logins and tokens (ASP.NET Core Identity)")]
public sealed class M001_Identity : Migration
{
    public override void Up()
    {
        Create.Table("users")
            .WithColumn("id").AsString(64).PrimaryKey()
            .WithColumn("user_name").AsString(256).Nullable()
            .WithColumn("normalized_user_name").AsString(256).Nullable().Unique("ux_users_normalized_user_name")
            .WithColumn("email").AsString(256).Nullable()
            .WithColumn("normalized_email").AsString(256).Nullable().Indexed("ix_users_normalized_email")
            .WithColumn("email_confirmed").AsBoolean().NotNullable()
            .WithColumn("password_hash").AsString(int.MaxValue).Nullable()
            .WithColumn("security_stamp").AsString(int.MaxValue).Nullable()
            .WithColumn("concurrency_stamp").AsString(int.MaxValue).Nullable()
            .WithColumn("phone_number").AsString(int.MaxValue).Nullable()
            .WithColumn("phone_number_confirmed").AsBoolean().NotNullable()
            .WithColumn("two_factor_enabled").AsBoolean().NotNullable()
            .WithColumn("lockout_end").AsInt64().Nullable()
            .WithColumn("lockout_enabled").AsBoolean().NotNullable()
            .WithColumn("access_failed_count").AsInt32().NotNullable()
            .WithColumn("display_name").AsString(200).Nullable()
            .WithColumn("is_disabled").AsBoolean().NotNullable()
            .WithColumn("created_utc").AsInt64().NotNullable();

        Create.Table("roles")
            .WithColumn("id").AsString(64).PrimaryKey()
            .WithColumn("name").AsString(256).Nullable()
            .WithColumn("normalized_name").AsString(256).Nullable().Unique("ux_roles_normalized_name")
            .WithColumn("concurrency_stamp").AsString(int.MaxValue).Nullable()
            .WithColumn("description").AsString(int.MaxValue).Nullable();

        Create.Table("user_roles")
            .WithColumn("user_id").AsString(64).PrimaryKey().ForeignKey("fk_user_roles_user", "users", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("role_id").AsString(64).PrimaryKey().ForeignKey("fk_user_roles_role", "roles", "id").OnDelete(System.Data.Rule.Cascade);

        Create.Table("user_claims")
            .WithColumn("id").AsInt32().PrimaryKey().Identity()
            .WithColumn("user_id").AsString(64).NotNullable().ForeignKey("fk_user_claims_user", "users", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("claim_type").AsString(int.MaxValue).Nullable()
            .WithColumn("claim_value").AsString(int.MaxValue).Nullable();

        Create.Table("role_claims")
            .WithColumn("id").AsInt32().PrimaryKey().Identity()
            .WithColumn("role_id").AsString(64).NotNullable().ForeignKey("fk_role_claims_role", "roles", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("claim_type").AsString(int.MaxValue).Nullable()
            .WithColumn("claim_value").AsString(int.MaxValue).Nullable();

        Create.Table("user_logins")
            .WithColumn("login_provider").AsString(128).PrimaryKey()
            .WithColumn("provider_key").AsString(128).PrimaryKey()
            .WithColumn("provider_display_name").AsString(int.MaxValue).Nullable()
            .WithColumn("user_id").AsString(64).NotNullable().ForeignKey("fk_user_logins_user", "users", "id").OnDelete(System.Data.Rule.Cascade);

        Create.Table("user_tokens")
            .WithColumn("user_id").AsString(64).PrimaryKey().ForeignKey("fk_user_tokens_user", "users", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("login_provider").AsString(128).PrimaryKey()
            .WithColumn("name").AsString(128).PrimaryKey()
            .WithColumn("value").AsString(int.MaxValue).Nullable();
    }

    public override void Down()
    {
        Delete.Table("user_tokens");
        Delete.Table("user_logins");
        Delete.Table("role_claims");
        Delete.Table("user_claims");
        Delete.Table("user_roles");
        Delete.Table("roles");
        Delete.Table("users");
    }
}
