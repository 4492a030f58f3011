using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Tenancy;
using SchoolSite.Notifications.Services;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Workflows;

namespace SchoolSite.Tests.Notifications;

/// <summary>
/// Who is responsible for the website and social media: the headteacher and the member of staff the settings name, on
/// the dashboard; they and the DPO get one summary a week (Monday from 07:00 at the school). On the school's clock.
/// </summary>
public sealed class ResponsibleTests : ClockedReviewSchool
{
    private const string Summary = "The week at Review Primary";

    [Fact]
    public async Task The_dashboard_names_who_is_responsible_and_they_and_the_DPO_get_one_summary_a_week()
    {
        using var head = await Factory.SignedInAsync(Base, ReviewSchoolFixture.Head, TwoSchoolsFixture.AdminPassword);
        var before = WebUtility.HtmlDecode(await head.GetPageAsync($"{Base}/admin"));
        Assert.Contains("Responsible for the website and social media: Hana Headteacher (headteacher).", before);
        Assert.Contains("No member of staff is named to share responsibility", before);

        await WorkflowTests<SqliteReviewSchool>.SettingsAsync(head, ("Input.WebsiteLeadEmail", "leader@review.example"));
        var after = WebUtility.HtmlDecode(await head.GetPageAsync($"{Base}/admin"));
        Assert.Contains("Responsible for the website and social media: Hana Headteacher (headteacher) and Lena Leader.", after);

        // Something waiting for review, and a policy staff have still to acknowledge.
        using var contributor = await Factory.SignedInAsync(Base, "contributor@review.example", ReviewSchoolFixture.Password);
        var id = await WorkflowTests<SqliteReviewSchool>.ArticleAsync(contributor, "Harvest assembly");
        await WorkflowTests<SqliteReviewSchool>.OkAsync(contributor, id, "submit");

        var school = Factory.Services.GetRequiredService<TenantRegistry>().Find(ReviewSchoolFixture.School)!;
        var jobs = Factory.Services.GetRequiredService<SchoolJobs>();
        await jobs.RunAsync<WeeklySummary>(school); // Monday 09:00
        foreach (var who in new[] { "headteacher@", "leader@", "dpo@" })
        {
            var mail = await Mail.WaitForAsync(m => (m.Subject ?? "").StartsWith(Summary, StringComparison.Ordinal) && m.To.ToString().Contains(who));
            Assert.Contains("1 item waits for a check or a sign-off", mail.TextBody);
            Assert.Contains("have not acknowledged it yet", mail.TextBody);
        }
        Assert.DoesNotContain(Mail.Messages, m => (m.Subject ?? "").StartsWith(Summary, StringComparison.Ordinal)
            && (m.To.ToString().Contains("editor@") || m.To.ToString().Contains("contributor@")));

        // Once a week: not again on Friday, again the next Monday.
        Factory.Clock.Advance(TimeSpan.FromDays(4));
        await jobs.RunAsync<WeeklySummary>(school);
        Assert.Equal(3, Mail.Messages.Count(m => (m.Subject ?? "").StartsWith(Summary, StringComparison.Ordinal)));
        Factory.Clock.Advance(TimeSpan.FromDays(3));
        await jobs.RunAsync<WeeklySummary>(school);
        await Mail.WaitForAsync(_ => Mail.Messages.Count(m => (m.Subject ?? "").StartsWith(Summary, StringComparison.Ordinal)) == 6);
    }
}
