using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Tenancy;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Workflows;

namespace SchoolSite.Tests.Kernel;

/// <summary>
/// A thousand quiet schools cost nothing: a school nobody visits leaves memory after the idle time and comes back for its
/// next visitor, and background work enters it only when something is due there. On a fake clock.
/// </summary>
public abstract class IdleSchoolsTests(string provider) : ClockedReviewSchool(provider)
{
    private static readonly TimeSpan IdleTime = TimeSpan.FromMinutes(20);

    private TenantShells Shells => Factory.Services.GetRequiredService<TenantShells>();
    private IdleShells Idle => Factory.Services.GetRequiredService<IdleShells>();
    private SchoolJobs Jobs => Factory.Services.GetRequiredService<SchoolJobs>();
    private TenantInfo School => Factory.Services.GetRequiredService<TenantRegistry>().Find(ReviewSchoolFixture.School)!;
    private bool Loaded => Shells.IsActive(ReviewSchoolFixture.School);

    // The runner's own timer never comes round in these tests (they call it), so nothing runs behind their back.
    protected override void Configure(ClockedFactory factory) => factory.Extra["SchoolSite:Jobs:Tick"] = "40.00:00:00";

    [Fact]
    public async Task A_school_nobody_visits_leaves_memory_after_the_idle_time_and_its_next_visitor_is_served()
    {
        using var visitor = new Browser(Factory);
        Assert.Contains("Review Primary", await visitor.GetPageAsync($"{Base}/"));
        Assert.True(Loaded);

        // A visit starts the idle time again; background work at the school does not.
        Factory.Clock.Advance(IdleTime - TimeSpan.FromMinutes(1));
        Assert.Empty(Idle.Sweep());
        Assert.Contains("Review Primary", await visitor.GetPageAsync($"{Base}/"));
        Factory.Clock.Advance(IdleTime - TimeSpan.FromMinutes(1));
        await Jobs.RunAsync<SchoolSite.Workflows.Services.ReviewReminders>(School);
        Assert.Empty(Idle.Sweep());
        Assert.True(Loaded);

        Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Idle.Sweep(); // (its own timer, on the same clock, may have come first)
        Assert.False(Loaded);

        // Its next visitor, signed in or not, finds it as it was.
        Assert.Contains("Review Primary", await visitor.GetPageAsync($"{Base}/"));
        Assert.True(Loaded);
        using var head = await Factory.SignedInAsync(Base, ReviewSchoolFixture.Head, TwoSchoolsFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"{Base}/admin")).StatusCode);
    }

    [Fact]
    public async Task Background_work_leaves_a_quiet_school_alone_until_something_is_due_there_then_does_it()
    {
        using var contributor = await Factory.SignedInAsync(Base, "contributor@review.example", ReviewSchoolFixture.Password);
        using var editor = await Factory.SignedInAsync(Base, "editor@review.example", ReviewSchoolFixture.Password);
        using var leader = await Factory.SignedInAsync(Base, "leader@review.example", ReviewSchoolFixture.Password);
        var start = Factory.Clock.GetUtcNow();
        var publishAt = start.AddHours(3);
        // The school's once-a-day work falls at its own time of day; this test's quiet hours are before it.
        var daily = JobTimes.NextSlot(ReviewSchoolFixture.School, start, JobTimes.Daily);
        Assert.True(daily > publishAt, $"The review school's daily work falls at {daily:t}, inside this test's quiet hours: move them.");

        var id = await WorkflowTests<SqliteReviewSchool>.ArticleAsync(contributor, "Harvest festival");
        await WorkflowTests<SqliteReviewSchool>.OkAsync(contributor, id, "submit");
        await WorkflowTests<SqliteReviewSchool>.OkAsync(editor, id, "check");
        var planned = await leader.Http.PostAsJsonAsync($"{Base}/api/content/{id}/workflow/schedule", new { publishAt });
        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        Assert.Equal("Approved", (await WorkflowTests<SqliteReviewSchool>.OkAsync(leader, id, "sign-off"))["state"]!.GetValue<string>());
        await Jobs.TickAsync(); // every job's first run at a new school, while it is in use
        Factory.Clock.Advance(TimeSpan.FromMinutes(3));
        await Jobs.TickAsync(); // the mail check that the staff notifications asked for

        Factory.Clock.Advance(IdleTime);
        Idle.Sweep();
        Assert.False(Loaded);
        for (var halfHour = 0; halfHour < 5; halfHour++)
        {
            Factory.Clock.Advance(TimeSpan.FromMinutes(30));
            await Jobs.TickAsync();
            Assert.False(Loaded, $"Background work entered the school {Factory.Clock.GetUtcNow() - start:g} after the start with nothing due.");
        }

        Factory.Clock.SetUtcNow(publishAt + TimeSpan.FromSeconds(30));
        await Jobs.TickAsync();
        Assert.True(Loaded, "The planned publish did not bring the school back into memory.");
        Assert.Equal("Published", (await WorkflowTests<SqliteReviewSchool>.StateAsync(leader, id))["state"]!.GetValue<string>());
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"{Base}/api/content/{id}")).StatusCode);
    }
}

public sealed class IdleSchoolsOnSqlite() : IdleSchoolsTests(TestDatabase.Sqlite);

public sealed class IdleSchoolsOnPostgreSql() : IdleSchoolsTests(TestDatabase.PostgreSql);
