using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.AuditTrail.Models;
using SchoolSite.AuditTrail.Services;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Events;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.AuditTrail;

/// <summary>
/// A change and its audit entry commit together. The host "dies" at random between a change's commit and its
/// acknowledgement (a fault injected on the event path, before the audit trail's turn), and is then replaced by a
/// fresh host on the same installation: every change that landed has its entry, and none that did not land has one.
/// </summary>
public abstract class AuditWithChangeTests(string provider)
{
    [Fact]
    public async Task Every_change_that_landed_has_its_entry_after_faults_between_commit_and_acknowledgement()
    {
        var faults = new FaultModule();
        await using var first = new SchoolSiteFactory(provider, faults);
        await first.CreateSchoolAsync("crashy", "Crashy Primary", "crashy");
        using var head = await first.SignedInAsync("/crashy", "head@crashy.example", TwoSchoolsFixture.AdminPassword);
        var pupil = await Register.PupilAsync(head, "/crashy", "Ada", "Stone");

        var random = new Random(20261130);
        var acknowledged = 0;
        var lost = 0;
        for (var i = 0; i < 40; i++)
        {
            var fault = random.Next(2) == 0;
            faults.FailNext = fault;
            var response = await head.Http.PostAsJsonAsync($"/crashy/api/people/{pupil}/consents",
                new { purpose = "website", status = i % 2 == 0 ? "Granted" : "Refused", givenBy = "Parent", method = "paper form" });
            if (fault)
            {
                Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
                lost++;
            }
            else
            {
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                acknowledged++;
            }
        }
        Assert.True(lost > 5 && acknowledged > 5, $"The faults fell unevenly ({lost} of 40): change the seed.");

        // The host is gone; another starts on the same installation. Checking the chain seals what was waiting.
        await using var second = new SecondHost(first);
        _ = second.Server;
        var verify = await Cli.RunAsync(second, "audit", "verify", "--tenant", "crashy");
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);

        await using var school = await second.Services.GetRequiredService<TenantScopes>().EnterAsync(second.Services.GetRequiredService<TenantRegistry>().Find("crashy")!);
        var records = await school.ServiceProvider.GetRequiredService<ConsentDbContext>().Records.AsNoTracking()
            .Where(r => r.PersonId == pupil).OrderBy(r => r.Id).Select(r => r.Status).ToListAsync();
        var entries = await school.ServiceProvider.GetRequiredService<AuditChain>().Query()
            .Where(e => e.Subject == $"person:{pupil}" && e.Category == "consent").OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        Assert.Equal(40, records.Count);
        Assert.Equal(records.Select(s => s.ToString().ToLowerInvariant()), entries);
        Assert.Equal(0, await school.ServiceProvider.GetRequiredService<AuditDbContext>().Outbox.CountAsync());
    }

    [Fact]
    public async Task An_entry_left_waiting_is_sealed_by_the_job_without_a_restart()
    {
        var faults = new FaultModule();
        await using var host = new SchoolSiteFactory(provider, faults);
        await host.CreateSchoolAsync("waiting", "Waiting Primary", "waiting");
        using var head = await host.SignedInAsync("/waiting", "head@waiting.example", TwoSchoolsFixture.AdminPassword);
        var pupil = await Register.PupilAsync(head, "/waiting", "Ben", "Hale");

        faults.FailNext = true;
        var response = await head.Http.PostAsJsonAsync($"/waiting/api/people/{pupil}/consents", new { purpose = "website", status = "Refused" });
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);

        var school = host.Services.GetRequiredService<TenantRegistry>().Find("waiting")!;
        await host.Services.GetRequiredService<SchoolSite.Core.Jobs.SchoolJobs>().RunAsync<AuditOutboxJob>(school);
        var audit = System.Net.WebUtility.HtmlDecode(await head.GetPageAsync($"/waiting/admin/audit?subject=person:{pupil}"));
        Assert.Contains("consent refused", audit);
    }

    [Fact]
    public async Task A_withdrawal_whose_host_stopped_before_the_takedown_list_still_lists_every_copy_after_a_restart()
    {
        var faults = new FaultModule();
        await using var first = new SchoolSiteFactory(provider, faults);
        await first.CreateSchoolAsync("copies", "Copies Primary", "copies");
        using var head = await first.SignedInAsync("/copies", "head@copies.example", TwoSchoolsFixture.AdminPassword);
        var pupil = await Register.PupilAsync(head, "/copies", "Nia", "Okafor");
        await Register.ConsentAsync(head, "/copies", pupil, "website", "Granted");
        var picture = Register.IdOf(await MediaUploads.PictureOfAsync(head, "/copies", Media.TestImages.Jpeg(200, 150), "Nia on the climbing wall", pupil));
        var api = new ContentApiClient(head, "/copies");
        var article = await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "NewsArticle",
            ["TitlePart"] = new { Title = "Climbing club" },
            ["NewsArticle"] = new Dictionary<string, object>
            {
                ["Pictures"] = new { MediaIds = new[] { picture } },
                ["UsedElsewhere"] = new { Text = "Spring newsletter" },
            },
        });
        await api.PublishOrFailAsync(article["ContentItemId"]!.GetValue<string>());

        faults.FailNext = true;
        var withdrawn = await head.Http.PostAsJsonAsync($"/copies/api/people/{pupil}/consents", new { purpose = "website", status = "Refused" });
        Assert.Equal(HttpStatusCode.InternalServerError, withdrawn.StatusCode);

        await using var second = new SecondHost(first);
        var school = second.Services.GetRequiredService<TenantRegistry>().Find("copies")!;
        await second.Services.GetRequiredService<SchoolSite.Core.Jobs.SchoolJobs>().RunAsync<SchoolSite.Consent.Services.TakedownChecksJob>(school);
        using var again = await second.SignedInAsync("/copies", "head@copies.example", TwoSchoolsFixture.AdminPassword);
        var list = System.Net.WebUtility.HtmlDecode(await again.GetPageAsync("/copies/admin/takedown"));
        Assert.Contains("1 copy still to be taken down", list);
        Assert.Contains("Spring newsletter", list);
    }

    [Fact]
    public async Task An_audited_change_raised_without_its_entry_staged_is_refused()
    {
        await using var host = new SchoolSiteFactory(provider);
        await host.CreateSchoolAsync("strict", "Strict Primary", "strict");
        await using var school = await host.Services.GetRequiredService<TenantScopes>().EnterAsync(host.Services.GetRequiredService<TenantRegistry>().Find("strict")!);
        var events = school.ServiceProvider.GetRequiredService<SchoolEvents>();
        var change = new PersonChanged("someone", new AuditEntry("test", "consent", "granted", "person:someone"));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => events.RaiseAsync(change));
        Assert.Contains("Stage", refused.Message);
    }

    /// <summary>Makes the next audited change fail on the event path after it has committed, before the audit trail records it.</summary>
    private sealed class FaultModule : SchoolSiteModule, ISchoolEventHandler<PersonChanged>
    {
        private int _failNext;

        public bool FailNext { set => Volatile.Write(ref _failNext, value ? 1 : 0); }

        public override string Name => "Test.Faults";

        public override IEnumerable<FeatureDescriptor> Features => [];

        // Before every other handler: the change is saved, nothing after it has run.
        public int Order => int.MinValue;

        public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
            => services.AddSingleton<ISchoolEventHandler<PersonChanged>>(this);

        public Task HandleAsync(IReadOnlyList<PersonChanged> events, CancellationToken cancellationToken)
            => Interlocked.Exchange(ref _failNext, 0) == 1 && events.Any(e => e.Audit is not null)
                ? throw new InvalidOperationException("The host stopped here (a fault injected by the test).")
                : Task.CompletedTask;
    }
}

public sealed class AuditWithChangeOnSqlite() : AuditWithChangeTests(TestDatabase.Sqlite);

public sealed class AuditWithChangeOnPostgreSql() : AuditWithChangeTests(TestDatabase.PostgreSql);
