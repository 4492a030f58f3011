using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Models;

namespace SchoolSite.Notifications.Services;

/// <summary>
/// Who is responsible for the website and social media: every headteacher, and the member of staff the school's settings
/// name. Shown on the dashboard; they get the weekly summary (so does the data protection officer).
/// </summary>
public sealed class ResponsiblePeople(UserManager<SchoolUser> users, TenantContext tenant) : IDashboardFacts
{
    public sealed record Named(IReadOnlyList<SchoolUser> Headteachers, SchoolUser? Lead, string? LeadNotFound);

    public async Task<Named> FindAsync()
    {
        var headteachers = (await users.GetUsersInRoleAsync(Roles.Headteacher)).Where(u => !u.IsDisabled).OrderBy(u => u.DisplayName).ToList();
        var email = tenant.Shell.Section<ResponsibilitySettings>().WebsiteLeadEmail;
        var lead = email is null ? null : await users.FindByEmailAsync(email);
        return new Named(headteachers, lead is { IsDisabled: false } ? lead : null, email is not null && lead is not { IsDisabled: false } ? email : null);
    }

    public async Task<IReadOnlyList<string>> ForAsync(ClaimsPrincipal user)
    {
        var named = await FindAsync();
        var people = named.Headteachers.Select(h => $"{h.DisplayName ?? h.Email} (headteacher)").ToList();
        if (named.Lead is { } lead && named.Headteachers.All(h => h.Id != lead.Id))
        {
            people.Add(lead.DisplayName ?? lead.Email!);
        }
        var facts = new List<string>
        {
            people.Count == 0
                ? "Nobody is named as responsible for the website and social media: give someone the Headteacher role, and name a member of staff in Settings (Who is responsible)."
                : $"Responsible for the website and social media: {Join(people)}.",
        };
        if (named.LeadNotFound is { } missing)
        {
            facts.Add($"The settings name {missing} as responsible for the website, but nobody here signs in with that address: an administrator can change it in Settings (Who is responsible).");
        }
        else if (named.Lead is null)
        {
            facts.Add("No member of staff is named to share responsibility for the website and social media with the headteacher: an administrator can name one in Settings (Who is responsible).");
        }
        return facts;
    }

    public static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };
}

/// <summary>A module's part of the weekly summary: a heading and a few lines, or null when it has nothing to say.</summary>
public interface IWeeklySummarySection
{
    int Order { get; }

    Task<(string Heading, IReadOnlyList<string> Lines)?> SummaryAsync(IServiceProvider services, DateTimeOffset since);
}

/// <summary>
/// Every Monday from 07:00 at the school (or the first run after, if the host was down), the people responsible for the
/// website and social media, and the data protection officer, get one summary of the week: what waits for review,
/// withdrawals, takedowns still to do, acknowledgements missing, and before the new school year what it will take down.
/// Sent once a week, in My tasks and by e-mail.
/// </summary>
public sealed class WeeklySummary(TimeProvider time) : ISchoolJob
{
    public const string Kind = "weekly-summary";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var shell = services.GetRequiredService<TenantContext>().Shell;
        var now = time.GetUtcNow();
        var monday = MondayMorning(shell.Settings, now);
        var week = monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var notifier = services.GetRequiredService<Notifier>();
        if (now < monday || await notifier.SentSinceAsync(Kind, "week-" + week, monday.UtcDateTime.AddDays(-1)))
        {
            return;
        }
        var text = new StringBuilder();
        foreach (var section in services.GetServices<IWeeklySummarySection>().OrderBy(s => s.Order))
        {
            if (await section.SummaryAsync(services, now.AddDays(-7)) is { } said)
            {
                text.Append(said.Heading).Append('\n');
                foreach (var line in said.Lines)
                {
                    text.Append("- ").Append(line).Append('\n');
                }
                text.Append('\n');
            }
        }
        var named = await services.GetRequiredService<ResponsiblePeople>().FindAsync();
        var dpos = await services.GetRequiredService<UserManager<SchoolUser>>().GetUsersInRoleAsync(Roles.DataProtectionOfficer);
        var to = named.Headteachers.Append(named.Lead).Concat(dpos).OfType<SchoolUser>().Where(u => !u.IsDisabled).Select(u => u.Id).Distinct().ToList();
        if (to.Count == 0)
        {
            return;
        }
        await notifier.ToUsersAsync(to, Kind, "week-" + week, $"The week at {shell.Settings.SiteName}: the website and social media",
            text.Length == 0 ? "Nothing is waiting: no reviews, withdrawals, takedowns or acknowledgements outstanding." : text.ToString().TrimEnd());
    }

    /// <summary>Due next Monday at 07:00 at the school.</summary>
    public Task<DateTimeOffset?> NextDueAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = services.GetRequiredService<TenantContext>().Shell.Settings;
        var monday = MondayMorning(settings, now);
        return Task.FromResult<DateTimeOffset?>(monday > now ? monday : MondayMorning(settings, now.AddDays(7)));
    }

    /// <summary>07:00 on the Monday of the week <paramref name="now"/> falls in, at the school.</summary>
    public static DateTimeOffset MondayMorning(SiteSettings settings, DateTimeOffset now)
    {
        var today = settings.DateAt(now);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7)).ToDateTime(new TimeOnly(7, 0));
        return new DateTimeOffset(monday, settings.Zone().GetUtcOffset(monday));
    }
}
