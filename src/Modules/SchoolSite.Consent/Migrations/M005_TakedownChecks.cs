using FluentMigrator;

namespace SchoolSite.Consent.Migrations;

/// <summary>Changes that may have narrowed someone's consent, saved with the change, until their takedown tasks are opened.</summary>
[Migration(5, "Takedown checks")]
public sealed class M005_TakedownChecks : Migration
{
    public override void Up()
        => Create.Table("takedown_checks")
            .WithColumn("id").AsInt64().PrimaryKey().Identity()
            .WithColumn("person_id").AsString(int.MaxValue).NotNullable()
            .WithColumn("cleared_before").AsString(int.MaxValue).NotNullable()
            .WithColumn("actor").AsString(int.MaxValue).NotNullable()
            .WithColumn("created_utc").AsInt64().NotNullable();

    public override void Down() => Delete.Table("takedown_checks");
}
