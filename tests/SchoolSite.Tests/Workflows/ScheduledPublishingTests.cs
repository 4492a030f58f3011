using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Tenancy;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Workflows.Services;

namespace SchoolSite.Tests.Workflows;

/// <summary>Scheduled publishing goes through the same gates at the moment of publishing, on the school's clock.</summary>
public sealed class ScheduledPublishingTests : ClockedReviewSchool
{
    [Fact]
    public async Task An_approved_item_whose_pupil_withdrew_is_not_published_at_its_time_and_the_submitter_is_told_why()
    {
        using var head = await Factory.SignedInAsync(Base, ReviewSchoolFixture.Head, TwoSchoolsFixture.AdminPassword);
        using var contributor = await Factory.SignedInAsync(Base, "contributor@review.example", ReviewSchoolFixture.Password);
        using var editor = await Factory.SignedInAsync(Base, "editor@review.example", ReviewSchoolFixture.Password);
        using var leader = await Factory.SignedInAsync(Base, "leader@review.example", ReviewSchoolFixture.Password);
        var pupil = await Register.PupilAsync(head, Base, "Ella", "Jones");
        await Register.ConsentAsync(head, Base, pupil, "website", "Granted");
        var url = await MediaUploads.PictureOfAsync(head, Base, Media.TestImages.Jpeg(200, 150), "Ella reading to the class", pupil);

        var at = Factory.Clock.GetUtcNow().AddHours(1);
        var pictured = await ApprovedAsync(contributor, editor, leader, "Reading week", new { MediaIds = new[] { Register.IdOf(url) } }, at);
        var plain = await ApprovedAsync(contributor, editor, leader, "Library opening hours", new { MediaIds = Array.Empty<string>() }, at);
        await Register.ConsentAsync(head, Base, pupil, "website", "Refused");

        Factory.Clock.Advance(TimeSpan.FromHours(2));
        var review = Factory.Services.GetRequiredService<TenantRegistry>().Find(ReviewSchoolFixture.School)!;
        await Factory.Services.GetRequiredService<SchoolJobs>().RunAsync<ScheduledPublishing>(review);

        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"{Base}/api/content/{plain}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"{Base}/api/content/{pictured}")).StatusCode);
        var state = await WorkflowTests<SqliteReviewSchool>.StateAsync(leader, pictured);
        Assert.Equal("Approved", state["state"]!.GetValue<string>());
        Assert.Contains("Ella's family has said no", state["lastError"]!.GetValue<string>());
        var mail = await Mail.WaitForAsync(m => m.To.ToString().Contains("contributor@review.example") && (m.Subject ?? "").Contains("Not published: 'Reading week'"));
        Assert.Contains("Ella's family has said no", mail.TextBody ?? "");
    }

    [Fact]
    public async Task Reviewers_are_reminded_after_two_school_days_of_waiting_and_only_once()
    {
        using var contributor = await Factory.SignedInAsync(Base, "contributor@review.example", ReviewSchoolFixture.Password);
        var id = await WorkflowTests<SqliteReviewSchool>.ArticleAsync(contributor, "Friday assembly");
        await WorkflowTests<SqliteReviewSchool>.OkAsync(contributor, id, "submit");
        var review = Factory.Services.GetRequiredService<TenantRegistry>().Find(ReviewSchoolFixture.School)!;
        var jobs = Factory.Services.GetRequiredService<SchoolJobs>();

        // Submitted on Monday 2 November; Tuesday is one school day.
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        await jobs.RunAsync<ReviewReminders>(review);
        Assert.DoesNotContain(Mail.Messages, m => (m.Subject ?? "").StartsWith("Reminder", StringComparison.Ordinal));

        Factory.Clock.Advance(TimeSpan.FromDays(1));
        await jobs.RunAsync<ReviewReminders>(review);
        await Mail.WaitForAsync(m => m.To.ToString().Contains("editor@review.example") && (m.Subject ?? "").Contains("Reminder: 'Friday assembly'"));
        await jobs.RunAsync<ReviewReminders>(review);
        using var editor = await Factory.SignedInAsync(Base, "editor@review.example", ReviewSchoolFixture.Password);
        var tasks = await editor.GetPageAsync($"{Base}/admin/tasks");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(tasks, "Reminder: &#x27;Friday assembly&#x27;|Reminder: 'Friday assembly'"));
        Assert.DoesNotContain(Mail.Messages, m => m.To.ToString().Contains("contributor@review.example") && (m.Subject ?? "").StartsWith("Reminder", StringComparison.Ordinal));
    }

    /// <summary>An article checked, planned for <paramref name="at"/> and then signed off, so it waits for its time.</summary>
    private static async Task<string> ApprovedAsync(Browser contributor, Browser editor, Browser leader, string title, object pictures, DateTimeOffset at)
    {
        var item = await new ContentApiClient(contributor, Base).CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "NewsArticle",
            ["TitlePart"] = new { Title = title },
            ["HtmlBodyPart"] = new { Html = "<p>Come and join us.</p>" },
            ["NewsArticle"] = new Dictionary<string, object> { ["Pictures"] = pictures },
        });
        var id = item["ContentItemId"]!.GetValue<string>();
        await WorkflowTests<SqliteReviewSchool>.OkAsync(contributor, id, "submit");
        await WorkflowTests<SqliteReviewSchool>.OkAsync(editor, id, "check");
        var scheduled = await leader.Http.PostAsJsonAsync($"{Base}/api/content/{id}/workflow/schedule", new { publishAt = at });
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        var signedOff = await WorkflowTests<SqliteReviewSchool>.OkAsync(leader, id, "sign-off");
        Assert.Equal("Approved", signedOff["state"]!.GetValue<string>());
        return id;
    }
}
