using FluentMigrator;

namespace SchoolSite.Consent.Migrations;

/// <summary>A member of staff's account here, so that they answer for themselves about pictures of them.</summary>
[Migration(8, "Staff account e-mail")]
public sealed class M008_AccountEmail : Migration
{
    public override void Up() => Alter.Table("people").AddColumn("account_email").AsString(254).Nullable();

    public override void Down() => Delete.Column("account_email").FromTable("people");
}
