using FluentMigrator;

namespace SchoolSite.Consent.Migrations;

[Migration(2, "Staff who ask to be treated like pupils by the privacy check")]
public sealed class M002_PrivateLikePupil : Migration
{
    public override void Up()
        => Alter.Table("people").AddColumn("private_like_pupil").AsBoolean().NotNullable().WithDefaultValue(false);

    public override void Down() => Delete.Column("private_like_pupil").FromTable("people");
}
