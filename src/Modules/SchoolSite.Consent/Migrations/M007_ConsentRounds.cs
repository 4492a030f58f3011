using FluentMigrator;

namespace SchoolSite.Consent.Migrations;

/// <summary>
/// The yearly consent round: who was asked, how (e-mail or letter) and when reminded; which carer gave each answer, so
/// that when two disagree the more restrictive counts.
/// </summary>
[Migration(7, "Consent rounds")]
public sealed class M007_ConsentRounds : Migration
{
    public override void Up()
    {
        Create.Table("consent_rounds")
            .WithColumn("id").AsString(40).PrimaryKey()
            .WithColumn("school_year").AsInt32().NotNullable()
            .WithColumn("message").AsString(2000).NotNullable()
            .WithColumn("address").AsString(400).NotNullable()
            .WithColumn("started_by").AsString(200).NotNullable()
            .WithColumn("started_utc").AsInt64().NotNullable()
            .WithColumn("closes_utc").AsInt64().NotNullable()
            .WithColumn("closed_utc").AsInt64().Nullable();
        Create.Table("round_invitations")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("round_id").AsString(40).NotNullable().ForeignKey("fk_round_invitations_round", "consent_rounds", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("person_id").AsString(40).NotNullable().ForeignKey("fk_round_invitations_person", "people", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("carer_id").AsInt64().Nullable()
            .WithColumn("carer_name").AsString(100).NotNullable()
            .WithColumn("email").AsString(254).Nullable()
            .WithColumn("link_id").AsString(40).Nullable()
            .WithColumn("sent_utc").AsInt64().Nullable()
            .WithColumn("reminded_utc").AsInt64().Nullable()
            .WithColumn("attempts").AsInt32().NotNullable().WithDefaultValue(0)
            .WithColumn("last_error").AsString(400).Nullable();
        Create.Index("ix_round_invitations_round").OnTable("round_invitations").OnColumn("round_id");
        Alter.Table("consent_links").AddColumn("carer_id").AsInt64().Nullable();
        Alter.Table("consent_links").AddColumn("round_id").AsString(40).Nullable();
        Alter.Table("consent_records").AddColumn("voice").AsString(80).Nullable();
    }

    public override void Down()
    {
        Delete.Table("round_invitations");
        Delete.Table("consent_rounds");
        Delete.Column("carer_id").FromTable("consent_links");
        Delete.Column("round_id").FromTable("consent_links");
        Delete.Column("voice").FromTable("consent_records");
    }
}
