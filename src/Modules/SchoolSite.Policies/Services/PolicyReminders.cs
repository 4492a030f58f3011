using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Tenancy;
using SchoolSite.Notifications.Services;

namespace SchoolSite.Policies.Services;

/// <summary>
/// Reminds staff who have not acknowledged a policy: first after the school's setting (default five
/// school days after the version was published), then weekly, by e-mail and in My tasks. Only people
/// still outstanding are reminded.
/// </summary>
public sealed class PolicyReminders(TimeProvider time) : ISchoolJob
{
    public const string Kind = "policy-reminder";
    private static readonly TimeSpan Weekly = TimeSpan.FromDays(7);

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public string? Feature => Manifest.PoliciesFeature;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var shell = services.GetRequiredService<TenantContext>().Shell;
        var book = services.GetRequiredService<PolicyBook>();
        var notifier = services.GetRequiredService<Notifier>();
        var now = time.GetUtcNow();
        var today = shell.Settings.DateAt(now);
        foreach (var policy in (await book.PublishedAsync()).Where(p => p.NeedsAcknowledgement))
        {
            var published = shell.Settings.DateAt(new DateTimeOffset(policy.Version!.PublishedUtc, TimeSpan.Zero));
            if (SchoolCalendar.SchoolDaysBetween(published, today) < shell.Section<PoliciesSettings>().PolicyReminderSchoolDays)
            {
                continue;
            }
            var report = (await book.ReportAsync(policy.Id))!;
            var recent = await notifier.RecipientsSinceAsync(Kind, policy.Id, now.UtcDateTime - Weekly);
            var due = report.Rows.Where(r => r.AcknowledgedUtc is null && !recent.Contains(r.User.Id)).Select(r => r.User.Id).ToList();
            if (due.Count > 0)
            {
                await notifier.ToUsersAsync(due, Kind, policy.Id, $"Please acknowledge: '{policy.Title}'",
                    $"Please read '{policy.Title}' (version {policy.Version.Number}) and confirm you have read and understood it: {shell.Tenant.PathBase}/admin/policies/mine");
            }
        }
    }
}
