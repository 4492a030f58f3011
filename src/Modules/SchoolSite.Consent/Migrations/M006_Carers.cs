using FluentMigrator;

namespace SchoolSite.Consent.Migrations;

/// <summary>A pupil's contacts from the MIS: whom the school may ask for consent, and whom it must never contact.</summary>
[Migration(6, "Carers")]
public sealed class M006_Carers : Migration
{
    public override void Up()
    {
        Create.Table("carers")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("person_id").AsString(40).NotNullable()
                .ForeignKey("fk_carers_person", "people", "id").OnDelete(System.Data.Rule.Cascade)
            .WithColumn("priority").AsInt32().NotNullable()
            .WithColumn("name").AsString(100).NotNullable()
            .WithColumn("relationship").AsString(40).Nullable()
            .WithColumn("email").AsString(254).Nullable()
            .WithColumn("phone").AsString(40).Nullable()
            .WithColumn("parental_responsibility").AsBoolean().NotNullable()
            .WithColumn("do_not_contact").AsBoolean().NotNullable()
            .WithColumn("do_not_contact_reason").AsString(400).Nullable();
        Create.Index("ix_carers_person").OnTable("carers").OnColumn("person_id");
    }

    public override void Down() => Delete.Table("carers");
}
