using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Tenancy;
using SchoolSite.Policies.Services;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Policies;

/// <summary>Policy review dates and acknowledgement reminders, on the school's clock.</summary>
public sealed class PolicyClockTests : ClockedReviewSchool
{
    [Fact]
    public async Task A_policy_near_or_past_its_review_date_is_flagged_for_its_owner_and_the_headteacher_only()
    {
        // The recipe makes the head the owner, with the next review a year on (2 November 2027).
        Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 9, 1, 9, 0, 0, TimeSpan.Zero));
        Assert.DoesNotContain("due for review", await DashboardAsync(ReviewSchoolFixture.Head, TwoSchoolsFixture.AdminPassword));

        Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 10, 15, 9, 0, 0, TimeSpan.Zero));
        Assert.Contains("'Social media policy' is due for review", await DashboardAsync(ReviewSchoolFixture.Head, TwoSchoolsFixture.AdminPassword));
        Assert.Contains("'Social media policy' is due for review", await DashboardAsync("headteacher@review.example", ReviewSchoolFixture.Password));
        Assert.DoesNotContain("for review", await DashboardAsync("editor@review.example", ReviewSchoolFixture.Password));

        Factory.Clock.SetUtcNow(new DateTimeOffset(2027, 11, 3, 9, 0, 0, TimeSpan.Zero));
        Assert.Contains("'Social media policy' is overdue for review", await DashboardAsync("headteacher@review.example", ReviewSchoolFixture.Password));
        using var head = await Factory.SignedInAsync(Base, ReviewSchoolFixture.Head, TwoSchoolsFixture.AdminPassword);
        Assert.Contains("data-status=\"Overdue\"", await head.GetPageAsync($"{Base}/admin/policies"));
    }

    [Fact]
    public async Task Reminders_go_after_five_school_days_only_to_staff_who_have_not_acknowledged_then_weekly()
    {
        using var contributor = await Factory.SignedInAsync(Base, "contributor@review.example", ReviewSchoolFixture.Password);
        var policy = (await contributor.Http.GetFromJsonAsync<JsonArray>($"{Base}/api/policies"))!.Single(p => p!["requiresAcknowledgement"]!.GetValue<bool>())!;
        var acknowledged = await contributor.Http.PostAsJsonAsync($"{Base}/api/policies/{policy["id"]}/acknowledge", new { version = policy["version"]!.GetValue<int>() });
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var school = Factory.Services.GetRequiredService<TenantRegistry>().Find(ReviewSchoolFixture.School)!;
        var jobs = Factory.Services.GetRequiredService<SchoolJobs>();

        Factory.Clock.Advance(TimeSpan.FromDays(6)); // Sunday: four school days
        await jobs.RunAsync<PolicyReminders>(school);
        Factory.Clock.Advance(TimeSpan.FromDays(1)); // Monday: five
        await jobs.RunAsync<PolicyReminders>(school);
        await Mail.WaitForAsync(m => m.To.ToString().Contains("editor@review.example") && (m.Subject ?? "").Contains("Please acknowledge"));
        await Mail.WaitForAsync(m => m.To.ToString().Contains("dpo@review.example") && (m.Subject ?? "").Contains("Please acknowledge"));
        await jobs.RunAsync<PolicyReminders>(school);
        Factory.Clock.Advance(TimeSpan.FromDays(7));
        await jobs.RunAsync<PolicyReminders>(school);
        await WaitForCountAsync("editor@review.example", 2);

        var sent = Mail.Messages.Where(m => (m.Subject ?? "").Contains("Please acknowledge")).ToList();
        Assert.DoesNotContain(sent, m => m.To.ToString().Contains("contributor@review.example"));
        Assert.Equal(2, sent.Count(m => m.To.ToString().Contains("editor@review.example")));
    }

    private async Task WaitForCountAsync(string to, int count)
    {
        while (Mail.Messages.Count(m => m.To.ToString().Contains(to) && (m.Subject ?? "").Contains("Please acknowledge")) < count)
        {
            await Mail.WaitForAsync(m => Mail.Messages.Count(x => x.To.ToString().Contains(to) && (x.Subject ?? "").Contains("Please acknowledge")) >= count);
        }
    }

    private async Task<string> DashboardAsync(string email, string password)
    {
        using var user = await Factory.SignedInAsync(Base, email, password);
        return WebUtility.HtmlDecode(await user.GetPageAsync($"{Base}/admin"));
    }
}
