using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Notifications.Services;
using SchoolSite.Statutory.Models;

namespace SchoolSite.Statutory.Services;

/// <summary>
/// Tells the headteacher, and whoever owns the page that meets it, when a requirement becomes due for review or overdue:
/// once per change (through the same notifications as policy reviews), not every hour it stays so.
/// </summary>
public sealed class StatutoryReminders(TimeProvider time) : ISchoolJob
{
    public const string Kind = "statutory-review";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public string? Feature => Manifest.StatutoryFeature;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var report = await services.GetRequiredService<Checklist>().ReportAsync();
        var db = services.GetRequiredService<StatutoryDbContext>();
        var notifier = services.GetRequiredService<Notifier>();
        var pathBase = services.GetRequiredService<TenantContext>().Tenant.PathBase;
        var sent = await db.Reminders.ToDictionaryAsync(r => r.RequirementKey, StringComparer.Ordinal, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var row in report.Rows)
        {
            var state = row.State.ToString();
            var last = sent.GetValueOrDefault(row.Requirement.Key);
            if (last?.State == state)
            {
                continue;
            }
            if (row.State is RequirementState.Due or RequirementState.Overdue)
            {
                var evidence = row.Evidence.FirstOrDefault(e => e.Published);
                var (subject, message) = row.State == RequirementState.Overdue
                    ? ($"Overdue for review: '{row.Requirement.Title}'",
                        $"'{row.Requirement.Title}' was due for review on {row.NextReview:d MMMM yyyy}. Review {(evidence is null ? "the page" : $"'{evidence.Title}'")} and publish it again: {pathBase}/admin/statutory")
                    : ($"Due for review: '{row.Requirement.Title}'",
                        $"'{row.Requirement.Title}' is due for review by {row.NextReview:d MMMM yyyy}. Review {(evidence is null ? "the page" : $"'{evidence.Title}'")} and publish it again: {pathBase}/admin/statutory");
                var owners = row.Evidence.Select(e => e.Owner).OfType<string>().Distinct().ToList();
                await notifier.ToRolesAsync([Roles.Headteacher], owners, Kind, evidence?.ContentItemId, subject, message);
                await notifier.ToUsersAsync(owners, Kind, evidence?.ContentItemId, subject, message);
            }
            if (last is null)
            {
                db.Reminders.Add(new StatutoryReminder { RequirementKey = row.Requirement.Key, State = state, SentUtc = now });
            }
            else
            {
                last.State = state;
                last.SentUtc = now;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Once a day, each school's counts go to the trust's database, for the trust's chart of compliance over time.</summary>
public sealed class ComplianceSnapshots(TimeProvider time) : ISchoolJob
{
    public TimeSpan Interval => TimeSpan.FromHours(1);

    public string? Feature => Manifest.StatutoryFeature;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var report = await services.GetRequiredService<Checklist>().ReportAsync();
        var school = services.GetRequiredService<TenantContext>().Tenant.Name;
        var day = TrustOverview.DayOf(time.GetUtcNow());
        await using var trust = await services.GetRequiredService<IDbContextFactory<StatutoryTrustDbContext>>().CreateDbContextAsync(cancellationToken);
        var snapshot = await trust.Snapshots.FirstOrDefaultAsync(s => s.Day == day && s.School == school, cancellationToken);
        if (snapshot is null)
        {
            snapshot = new ComplianceSnapshot { Day = day, School = school };
            trust.Snapshots.Add(snapshot);
        }
        snapshot.Met = report.Count(RequirementState.Met);
        snapshot.Due = report.Count(RequirementState.Due);
        snapshot.Overdue = report.Count(RequirementState.Overdue);
        snapshot.Missing = report.Count(RequirementState.Missing);
        await trust.SaveChangesAsync(cancellationToken);
    }
}
