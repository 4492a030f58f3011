using FluentMigrator;

namespace SchoolSite.Consent.Migrations;

[Migration(1, "People register, consent purposes and consent records")]
public sealed class M001_People : Migration
{
    public override void Up()
    {
        Create.Table("people")
            .WithColumn("id").AsString(40).PrimaryKey()
            .WithColumn("external_id").AsString(64).NotNullable().Unique("ux_people_external_id")
            .WithColumn("kind").AsString(10).NotNullable()
            .WithColumn("legal_first_name").AsString(100).NotNullable()
            .WithColumn("legal_last_name").AsString(100).NotNullable()
            .WithColumn("preferred_first_name").AsString(100).Nullable()
            .WithColumn("year_group").AsString(40).Nullable()
            .WithColumn("class_name").AsString(40).Nullable()
            .WithColumn("status").AsString(10).NotNullable()
            .WithColumn("never_publish").AsBoolean().NotNullable();
        Create.Table("consent_purposes")
            .WithColumn("name").AsString(64).PrimaryKey()
            .WithColumn("display_name").AsString(200).NotNullable()
            .WithColumn("description").AsString(int.MaxValue).NotNullable()
            .WithColumn("lawful_basis").AsString(20).NotNullable();
        Create.Table("consent_records")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("person_id").AsString(40).NotNullable().ForeignKey("fk_consent_records_person", "people", "id")
            .WithColumn("purpose").AsString(64).NotNullable()
            .WithColumn("school_year").AsInt32().NotNullable()
            .WithColumn("status").AsString(10).NotNullable()
            .WithColumn("given_by").AsString(200).Nullable()
            .WithColumn("method").AsString(40).Nullable()
            .WithColumn("note").AsString(int.MaxValue).Nullable()
            .WithColumn("recorded_by").AsString(256).Nullable()
            .WithColumn("recorded_utc").AsInt64().NotNullable();
        Create.Index("ix_consent_records_person").OnTable("consent_records").OnColumn("person_id").Ascending();
    }

    public override void Down()
    {
        Delete.Table("consent_records");
        Delete.Table("consent_purposes");
        Delete.Table("people");
    }
}
