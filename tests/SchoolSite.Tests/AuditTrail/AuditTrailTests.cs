using System.Data.Common;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SchoolSite.Core.Data;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.AuditTrail;

/// <summary>The audit trail is a hash chain: changing or removing any row is found, and the first broken link named.</summary>
public abstract class AuditTrailTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task Editing_or_deleting_an_audit_row_makes_audit_verify_fail_naming_the_row()
    {
        await Factory.CreateSchoolAsync("audited", "Audited Primary", "audited");
        using var head = await Factory.SignedInAsync("/audited", "head@audited.example", TwoSchoolsFixture.AdminPassword);
        var pupil = await Register.PupilAsync(head, "/audited", "Amelia", "Watson");
        await Register.ConsentAsync(head, "/audited", pupil, "website", "Granted");
        await Register.ConsentAsync(head, "/audited", pupil, "website", "Refused");
        Assert.Equal(System.Net.HttpStatusCode.OK, (await head.Http.PutAsJsonAsync($"/audited/api/people/{pupil}", new { neverPublish = true })).StatusCode);

        var intact = await Cli.RunAsync(Factory, "audit", "verify", "--tenant", "audited");
        Assert.True(intact.ExitCode == 0, intact.Error);
        Assert.Contains("the audit trail is intact", intact.Output);
        var refusal = await ScalarAsync("select sequence from audit_events where category = 'consent' and action = 'refused'");
        var grant = await ScalarAsync("select sequence from audit_events where category = 'consent' and action = 'granted'");

        // Someone with database access makes the refusal look like consent.
        await ExecuteAsync($"update audit_events set after = replace(after, 'Refused', 'Granted') where sequence = {refusal}");
        var edited = await Cli.RunAsync(Factory, "audit", "verify", "--tenant", "audited");
        Assert.Equal(2, edited.ExitCode);
        Assert.Contains($"broken at entry {refusal}", edited.Error);
        Assert.Contains("was changed after it was written", edited.Error);

        await ExecuteAsync($"update audit_events set after = replace(after, 'Granted', 'Refused') where sequence = {refusal}");
        await ExecuteAsync($"delete from audit_events where sequence = {grant}");
        var deleted = await Cli.RunAsync(Factory, "audit", "verify", "--tenant", "audited");
        Assert.Equal(2, deleted.ExitCode);
        Assert.Contains($"broken at entry {grant}", deleted.Error);
        Assert.Contains("is missing", deleted.Error);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = Open();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private DbConnection Open()
    {
        var databases = Factory.Services.GetRequiredService<TenantDatabases>();
        return databases.Provider == DatabaseProvider.PostgreSql
            ? new NpgsqlConnection(databases.ConnectionString("audited"))
            : new SqliteConnection(databases.ConnectionString("audited"));
    }

    private async Task ExecuteAsync(string sql)
    {
        var databases = Factory.Services.GetRequiredService<TenantDatabases>();
        await using DbConnection connection = databases.Provider == DatabaseProvider.PostgreSql
            ? new NpgsqlConnection(databases.ConnectionString("audited"))
            : new SqliteConnection(databases.ConnectionString("audited"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}

public sealed class AuditTrailOnSqlite(SqliteSchools fixture) : AuditTrailTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class AuditTrailOnPostgreSql(PostgreSqlSchools fixture) : AuditTrailTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
