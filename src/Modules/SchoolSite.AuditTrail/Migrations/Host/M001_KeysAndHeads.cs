using FluentMigrator;

namespace SchoolSite.AuditTrail.Migrations.Host;

/// <summary>
/// In the trust's database, outside every school's: each school's audit key and the head of its chain, so
/// that someone with one school's database can neither recompute its links nor remove its last entries unseen.
/// </summary>
[Migration(1, "Audit keys and chain heads")]
public sealed class M001_KeysAndHeads : Migration
{
    public override void Up()
    {
        Create.Table("audit_keys")
            .WithColumn("tenant").AsString(64).PrimaryKey()
            .WithColumn("protected_key").AsString(1000).NotNullable()
            .WithColumn("created_utc").AsInt64().NotNullable();
        Create.Table("audit_heads")
            .WithColumn("tenant").AsString(64).PrimaryKey()
            .WithColumn("sequence").AsInt64().NotNullable()
            .WithColumn("hash").AsString(64).NotNullable()
            .WithColumn("keyed_from").AsInt64().NotNullable()
            .WithColumn("updated_utc").AsInt64().NotNullable();
    }

    public override void Down()
    {
        Delete.Table("audit_heads");
        Delete.Table("audit_keys");
    }
}
