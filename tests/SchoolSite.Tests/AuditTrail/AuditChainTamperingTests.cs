using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.AuditTrail.Services;
using SchoolSite.Core.Events;
using SchoolSite.Core.Tenancy;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.AuditTrail;

/// <summary>
/// What someone with only a school's database could do to its audit trail, and two writers at once: each is
/// reported by <c>audit verify --tenant NAME</c>, naming the first entry that is not as it was written.
/// </summary>
public abstract class AuditChainTamperingTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task Deleting_the_last_entries_makes_audit_verify_report_how_far_the_trust_recorded_the_chain()
    {
        var school = await SchoolWithConsentHistoryAsync("truncated");
        var last = await school.ScalarAsync("select max(sequence) from audit_events");

        await school.ExecuteAsync("delete from audit_events where sequence > @p0", last - 2);

        var truncated = await Cli.RunAsync(Factory, "audit", "verify", "--tenant", "truncated");
        Assert.True(truncated.ExitCode == 2, truncated.Output + truncated.Error);
        Assert.Contains($"broken at entry {last - 1}:", truncated.Error);
        Assert.Contains($"entries after {last - 2} were removed: the trust recorded the chain up to {last}", truncated.Error);
    }

    [Fact]
    public async Task Rewriting_an_entry_and_recomputing_every_later_hash_makes_audit_verify_name_that_entry()
    {
        var school = await SchoolWithConsentHistoryAsync("rewritten");
        var refusal = await school.ScalarAsync("select sequence from audit_events where category = 'consent' and action = 'refused'");

        // The refusal becomes a grant, and every link from it on is recomputed with the unkeyed formula.
        Assert.Equal(1, await school.ExecuteAsync(
            "update audit_events set action = 'granted', after = replace(after, 'Refused', 'Granted') where sequence = @p0", refusal));
        await RecomputeFromAsync(school, refusal);

        var rewritten = await Cli.RunAsync(Factory, "audit", "verify", "--tenant", "rewritten");
        Assert.True(rewritten.ExitCode == 2, rewritten.Output + rewritten.Error);
        Assert.Contains($"broken at entry {refusal}:", rewritten.Error);
        Assert.Contains("was changed after it was written", rewritten.Error);

        // Nor does it help to mark the rewritten entries as written before the school had a key.
        await school.ExecuteAsync("update audit_events set hash_scheme = 0 where sequence >= @p0", refusal);
        var unkeyed = await Cli.RunAsync(Factory, "audit", "verify", "--tenant", "rewritten");
        Assert.True(unkeyed.ExitCode == 2, unkeyed.Output + unkeyed.Error);
        Assert.Contains($"broken at entry {refusal}:", unkeyed.Error);
        Assert.Contains("without the school's key", unkeyed.Error);
    }

    [Fact]
    public async Task Two_processes_appending_at_once_keep_one_chain()
    {
        await Factory.CreateSchoolAsync("busy", "Busy Primary", "busy");
        // Its own container: no lock or cache in memory is shared with the first host, as with a CLI beside the web host.
        await using var other = new SecondHost(Factory);
        _ = other.Server;

        await Task.WhenAll(new[] { Factory, other }.SelectMany((host, h) =>
            Enumerable.Range(0, 4).Select(w => Task.Run(() => AppendAsync(host, "busy", $"host {h} writer {w}", times: 8)))));

        var school = new DirectSql(Factory, "busy");
        var entries = await school.ScalarAsync("select count(*) from audit_events");
        Assert.Equal(entries, await school.ScalarAsync("select count(distinct sequence) from audit_events"));
        Assert.Equal(entries, await school.ScalarAsync("select max(sequence) from audit_events"));
        var verified = await Cli.RunAsync(Factory, "audit", "verify", "--tenant", "busy");
        Assert.True(verified.ExitCode == 0, verified.Error);
        Assert.Contains($"the audit trail is intact ({entries} entries)", verified.Output);
    }

    [Fact]
    public async Task Removing_the_last_entries_is_still_reported_after_the_school_writes_more()
    {
        var school = await SchoolWithConsentHistoryAsync("resumed");
        var last = await school.ScalarAsync("select max(sequence) from audit_events");
        await school.ExecuteAsync("delete from audit_events where sequence > @p0", last - 2);

        // The school carries on: its next entries take the removed entries' places, keyed as ever.
        using var head = await Factory.SignedInAsync("/resumed", "head@resumed.example", TwoSchoolsFixture.AdminPassword);
        var pupil = await Register.PupilAsync(head, "/resumed", "Oliver", "Hughes");
        await Register.ConsentAsync(head, "/resumed", pupil, "website", "Granted");
        await Register.ConsentAsync(head, "/resumed", pupil, "press", "Refused");
        Assert.True(await school.ScalarAsync("select max(sequence) from audit_events") > last);

        var resumed = await Cli.RunAsync(Factory, "audit", "verify", "--tenant", "resumed");
        Assert.True(resumed.ExitCode == 2, resumed.Output + resumed.Error);
        Assert.Contains($"broken at entry {last}:", resumed.Error);
        Assert.Contains("is not the entry the trust recorded there", resumed.Error);
    }

    [Fact]
    public async Task Entries_written_after_the_trusts_last_record_are_checked_by_their_key()
    {
        var school = await SchoolWithConsentHistoryAsync("unrecorded");
        var trust = DirectSql.Trust(Factory);
        var last = await school.ScalarAsync("select max(sequence) from audit_events");
        var before = (string)(await school.RowsAsync("select hash from audit_events where sequence = @p0", last - 1))[0][0]!;

        // As if the process stopped between the school's commit and the trust's record of it.
        Assert.Equal(1, await trust.ExecuteAsync("update audit_heads set sequence = @p0, hash = @p1 where tenant = 'unrecorded'", last - 1, before));
        var intact = await Cli.RunAsync(Factory, "audit", "verify", "--tenant", "unrecorded");
        Assert.True(intact.ExitCode == 0, intact.Error);

        Assert.Equal(1, await school.ExecuteAsync("update audit_events set actor = 'Someone else' where sequence = @p0", last));
        await RecomputeFromAsync(school, last);
        var edited = await Cli.RunAsync(Factory, "audit", "verify", "--tenant", "unrecorded");
        Assert.True(edited.ExitCode == 2, edited.Output + edited.Error);
        Assert.Contains($"broken at entry {last}:", edited.Error);
        Assert.Contains("was changed after it was written", edited.Error);
    }

    [Fact]
    public async Task A_chain_from_before_schools_had_keys_still_verifies_and_carries_on_keyed()
    {
        var school = await SchoolWithConsentHistoryAsync("older");
        var trust = DirectSql.Trust(Factory);
        // The school as it was before this version: every entry plain SHA-256, no key and no head at the trust.
        await school.ExecuteAsync("update audit_events set hash_scheme = 0");
        await RecomputeFromAsync(school, 1);
        await trust.ExecuteAsync("delete from audit_heads where tenant = 'older'");
        await trust.ExecuteAsync("delete from audit_keys where tenant = 'older'");
        var unkeyed = await school.ScalarAsync("select max(sequence) from audit_events");
        var before = await Cli.RunAsync(Factory, "audit", "verify", "--tenant", "older");
        Assert.True(before.ExitCode == 0, before.Error);

        // A host started after the upgrade (its own container: it has never seen this school's key) writes on.
        await using var upgraded = new SecondHost(Factory);
        using var head = await upgraded.SignedInAsync("/older", "head@older.example", TwoSchoolsFixture.AdminPassword);
        await Register.PupilAsync(head, "/older", "Isla", "Patel");

        Assert.Equal(0, await school.ScalarAsync("select count(*) from audit_events where sequence <= @p0 and hash_scheme <> 0", unkeyed));
        Assert.Equal(0, await school.ScalarAsync("select count(*) from audit_events where sequence > @p0 and hash_scheme <> 1", unkeyed));
        Assert.Equal(unkeyed + 1, await trust.ScalarAsync("select keyed_from from audit_heads where tenant = 'older'"));
        // The key is the trust's, protected at rest: not the 32 bytes themselves (44 characters in base64).
        Assert.True(await trust.ScalarAsync("select length(protected_key) from audit_keys where tenant = 'older'") > 44);
        var after = await Cli.RunAsync(Factory, "audit", "verify", "--tenant", "older");
        Assert.True(after.ExitCode == 0, after.Error);
    }

    [Fact]
    public async Task A_chain_forked_before_the_upgrade_is_kept_as_evidence_and_reported()
    {
        var school = await SchoolWithConsentHistoryAsync("forked");
        var trust = DirectSql.Trust(Factory);
        // The school as it was before this version (unkeyed, one plain index on sequence), forked by a second writer.
        await school.ExecuteAsync("drop index ux_audit_events_sequence");
        await school.ExecuteAsync("alter table audit_events drop column hash_scheme");
        await school.ExecuteAsync("create index ix_audit_events_sequence on audit_events (sequence)");
        await school.ExecuteAsync("delete from schema_versions_audittrail where version = 2");
        await RecomputeFromAsync(school, 1);
        await trust.ExecuteAsync("delete from audit_heads where tenant = 'forked'");
        await trust.ExecuteAsync("delete from audit_keys where tenant = 'forked'");
        var last = await school.ScalarAsync("select max(sequence) from audit_events");
        Assert.Equal(1, await school.ExecuteAsync("""
            insert into audit_events (recorded_utc, actor, category, action, subject, before, after, sequence, previous_hash, hash)
            select recorded_utc, 'A second writer', category, action, subject, before, after, sequence, previous_hash, hash from audit_events where sequence = @p0
            """, last));

        // The CLI brings the school up to date first: the fork stays, so no unique index can be made.
        var forked = await Cli.RunAsync(Factory, "audit", "verify", "--tenant", "forked");
        Assert.True(forked.ExitCode == 2, forked.Output + forked.Error);
        Assert.Contains($"broken at entry {last}: there are two entries {last}: two writers forked the chain there", forked.Error);
        Assert.Equal(1, await school.ScalarAsync("select count(*) from schema_versions_audittrail where version = 2"));
        Assert.Equal(0, await school.ScalarAsync(Factory.Provider == TestDatabase.PostgreSql
            ? "select count(*) from pg_indexes where indexname = 'ux_audit_events_sequence'"
            : "select count(*) from sqlite_master where type = 'index' and name = 'ux_audit_events_sequence'"));
    }

    /// <summary>A school whose trail holds its set-up, a pupil and two consent decisions; the trail verifies.</summary>
    private async Task<DirectSql> SchoolWithConsentHistoryAsync(string name)
    {
        await Factory.CreateSchoolAsync(name, $"{name} Primary", name);
        using var head = await Factory.SignedInAsync($"/{name}", $"head@{name}.example", TwoSchoolsFixture.AdminPassword);
        var pupil = await Register.PupilAsync(head, $"/{name}", "Amelia", "Watson");
        await Register.ConsentAsync(head, $"/{name}", pupil, "website", "Granted");
        await Register.ConsentAsync(head, $"/{name}", pupil, "website", "Refused");
        await Register.ConsentAsync(head, $"/{name}", pupil, "press", "Granted");
        var intact = await Cli.RunAsync(Factory, "audit", "verify", "--tenant", name);
        Assert.True(intact.ExitCode == 0, intact.Error);
        return new DirectSql(Factory, name);
    }

    /// <summary>Three entries at a time (a batch), <paramref name="times"/> times, each in a scope of its own as a request would.</summary>
    private static async Task AppendAsync(SchoolSiteFactory host, string tenant, string actor, int times)
    {
        var school = host.Services.GetRequiredService<TenantRegistry>().Find(tenant) ?? throw new InvalidOperationException($"{tenant} is not in this host's registry.");
        for (var i = 0; i < times; i++)
        {
            await using var scope = await host.Services.GetRequiredService<TenantScopes>().EnterAsync(school);
            await scope.ServiceProvider.GetRequiredService<AuditChain>().AppendAsync(
                [.. Enumerable.Range(0, 3).Select(n => new AuditEntry(actor, "test", "appended", $"batch:{i}:{n}"))]);
        }
    }

    /// <summary>What someone with only the school's database can do: recompute each link from <paramref name="from"/> on with the published, unkeyed formula.</summary>
    private static async Task RecomputeFromAsync(DirectSql school, long from)
    {
        var previous = from == 1 ? string.Empty : (string)(await school.RowsAsync("select hash from audit_events where sequence = @p0", from - 1))[0][0]!;
        var rows = await school.RowsAsync(
            "select sequence, recorded_utc, actor, category, action, subject, before, after from audit_events where sequence >= @p0 order by sequence", from);
        foreach (var row in rows)
        {
            var fields = new[]
            {
                Convert.ToInt64(row[0], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
                Convert.ToInt64(row[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
                (string)row[2]!, (string)row[3]!, (string)row[4]!, (string)row[5]!, (string?)row[6] ?? "\u0000", (string?)row[7] ?? "\u0000", previous,
            };
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', fields))));
            await school.ExecuteAsync("update audit_events set previous_hash = @p0, hash = @p1 where sequence = @p2", previous, hash, row[0]!);
            previous = hash;
        }
    }
}

public sealed class AuditChainTamperingOnSqlite(SqliteSchools fixture) : AuditChainTamperingTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class AuditChainTamperingOnPostgreSql(PostgreSqlSchools fixture) : AuditChainTamperingTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;

/// <summary>A second host on the same installation (App_Data, databases): its own container, as a second process would have.</summary>
public sealed class SecondHost(SchoolSiteFactory installation) : SchoolSiteFactory(installation);
