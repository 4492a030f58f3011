using FluentMigrator;

namespace SchoolSite.Users.Migrations;

[Migration(3, "Personal API tokens expire, and remember when they were last used")]
public sealed class M003_PersonalTokenExpiry : Migration
{
    /// <summary>The default lifetime (90 days) in Unix milliseconds, as the times are stored.</summary>
    private const long DefaultLifetime = 90L * 24 * 60 * 60 * 1000;

    public override void Up()
    {
        Alter.Table("personal_tokens")
            .AddColumn("expires_utc").AsInt64().NotNullable().WithDefaultValue(0)
            .AddColumn("last_used_utc").AsInt64().Nullable();
        // Tokens made before they expired get the default lifetime from the day they were made: a token
        // older than that stops working (the safe side), and its owner makes a new one.
        Execute.Sql($"update personal_tokens set expires_utc = created_utc + {DefaultLifetime}");
    }

    public override void Down()
    {
        Delete.Column("last_used_utc").FromTable("personal_tokens");
        Delete.Column("expires_utc").FromTable("personal_tokens");
    }
}
