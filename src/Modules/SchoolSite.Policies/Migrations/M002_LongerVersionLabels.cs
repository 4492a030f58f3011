using FluentMigrator;

namespace SchoolSite.Policies.Migrations;

/// <summary>
/// A policy's version label comes from a text field, which allows far more than the 100 characters the column was made
/// with: on PostgreSQL publishing such a policy failed ("value too long"), on SQLite it was stored. The limit lives in
/// the field's validation; the column holds whatever that allows. SQLite does not enforce lengths, so only PostgreSQL changes.
/// </summary>
[Migration(2, "Policy version labels as long as their field allows")]
public sealed class M002_LongerVersionLabels : Migration
{
    public override void Up()
        => IfDatabase("PostgreSQL").Alter.Table("policy_versions").AlterColumn("label").AsString(int.MaxValue).Nullable();

    public override void Down()
        => IfDatabase("PostgreSQL").Alter.Table("policy_versions").AlterColumn("label").AsString(100).Nullable();
}
