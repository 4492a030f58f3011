using System.Data.Common;
using FluentMigrator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SchoolSite.Core.Data;
using SchoolSite.Core.Modules;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Kernel.UpgradeMigrations
{
    /// <summary>A schema step that arrives with an upgrade, after schools already exist.</summary>
    [Migration(1, "Trophy cabinet")]
    public sealed class M001_Trophies : Migration
    {
        public override void Up() => Create.Table("trophies")
            .WithColumn("id").AsInt32().PrimaryKey()
            .WithColumn("title").AsString(200).NotNullable();

        public override void Down() => Delete.Table("trophies");
    }
}

namespace SchoolSite.Tests.Kernel
{
    public sealed class TrophiesModule : SchoolSiteModule
    {
        public override string Name => "Test.Trophies";
        public override IEnumerable<FeatureDescriptor> Features => [];
        public override IEnumerable<MigrationSet> Migrations =>
            [MigrationSet.For<UpgradeMigrations.M001_Trophies>("Test.Trophies", MigrationScope.Tenant)];
    }

    /// <summary>The same installation, started again with a module that brings a new migration.</summary>
    public sealed class UpgradedFactory(SchoolSiteFactory installation) : SchoolSiteFactory(installation)
    {
        protected override IEnumerable<SchoolSiteModule> ExtraModules => [new TrophiesModule()];
    }

    public sealed class UpgradeTests
    {
        [Theory]
        [InlineData(TestDatabase.Sqlite)]
        [InlineData(TestDatabase.PostgreSql)]
        public async Task A_new_module_migration_runs_for_an_existing_school_on_its_first_request_after_the_upgrade(string provider)
        {
            await using var before = new SchoolSiteFactory(provider);
            _ = before.Server;
            await before.CreateSchoolAsync("older", "Older School", "older");
            Assert.False(await TableExistsAsync(before, "older", "trophies"));

            await using var after = new UpgradedFactory(before);
            using var visitor = new Browser(after);
            Assert.Contains("Older School", await visitor.GetPageAsync("/older/"));

            Assert.True(await TableExistsAsync(after, "older", "trophies"));
            Assert.True(await TableExistsAsync(after, "older", "schema_versions_test_trophies"), "the module keeps its own version table");
            // The school's existing data is still there.
            using var head = new Browser(after);
            await head.SignInOrFailAsync("/older", "head@older.example", TwoSchoolsFixture.AdminPassword);
        }

        private static async Task<bool> TableExistsAsync(SchoolSiteFactory factory, string tenant, string table)
        {
            var databases = factory.Services.GetRequiredService<TenantDatabases>();
            await using DbConnection connection = databases.Provider == DatabaseProvider.PostgreSql
                ? new NpgsqlConnection(databases.ConnectionString(tenant))
                : new SqliteConnection(databases.ConnectionString(tenant));
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = databases.Provider == DatabaseProvider.PostgreSql
                ? $"select count(*) from information_schema.tables where table_name = '{table}'"
                : $"select count(*) from sqlite_master where type = 'table' and name = '{table}'";
            return Convert.ToInt64(await command.ExecuteScalarAsync()) > 0;
        }
    }
}
