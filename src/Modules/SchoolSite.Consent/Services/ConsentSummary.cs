using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Settings;
using SchoolSite.Notifications.Services;

namespace SchoolSite.Consent.Services;

/// <summary>
/// The weekly summary's consent part: withdrawals in the week, takedowns still to do, and from the school's warning date
/// before a new school year how many pupils have no answer for it and how many pictures on the website it will take down.
/// </summary>
public sealed class ConsentSummary : IWeeklySummarySection
{
    public int Order => 20;

    public async Task<(string Heading, IReadOnlyList<string> Lines)?> SummaryAsync(IServiceProvider services, DateTimeOffset since)
    {
        if (!services.GetRequiredService<SchoolSite.Core.Tenancy.TenantContext>().Shell.IsEnabled(Manifest.ConsentFeature))
        {
            return null;
        }
        var db = services.GetRequiredService<ConsentDbContext>();
        var from = since.UtcDateTime;
        var withdrawn = await db.Records.Where(r => r.Status != ConsentStatus.Granted && r.RecordedUtc >= from).Select(r => r.PersonId).Distinct().CountAsync();
        var takedowns = await services.GetRequiredService<Takedown>().OpenCountAsync();
        var lines = new List<string>();
        if (withdrawn > 0)
        {
            lines.Add($"{withdrawn} {(withdrawn == 1 ? "person's family" : "people's families")} said no or withdrew consent this week");
        }
        if (takedowns > 0)
        {
            lines.Add($"{takedowns} {(takedowns == 1 ? "copy" : "copies")} outside the website still to be taken down (see the takedown list)");
        }
        if (await services.GetRequiredService<Rollover>().WarningAsync() is { } warning)
        {
            lines.Add($"Before {SchoolYear.Label(warning.NextYear)} starts on {warning.Starts:d MMMM yyyy}: {warning.PupilsWithoutAnswer} of {warning.Pupils} pupils have no answer for it, "
                + $"and {warning.Losses.Count} {(warning.Losses.Count == 1 ? "picture" : "pictures")} on the website will stop showing that day");
        }
        return lines.Count == 0 ? null : ("Pictures and consent", lines);
    }
}
