using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Notifications.Services;

namespace SchoolSite.Policies.Services;

/// <summary>The weekly summary's policies part: how many staff have still to acknowledge each policy that asks them to.</summary>
public sealed class PolicySummary : IWeeklySummarySection
{
    public int Order => 30;

    public async Task<(string Heading, IReadOnlyList<string> Lines)?> SummaryAsync(IServiceProvider services, DateTimeOffset since)
    {
        if (!services.GetRequiredService<SchoolSite.Core.Tenancy.TenantContext>().Shell.IsEnabled(Manifest.PoliciesFeature))
        {
            return null;
        }
        var book = services.GetRequiredService<PolicyBook>();
        var lines = new List<string>();
        foreach (var policy in (await book.PublishedAsync()).Where(p => p.NeedsAcknowledgement))
        {
            if (await book.ReportAsync(policy.Id) is { Outstanding: > 0 } report)
            {
                lines.Add($"'{policy.Title}': {report.Outstanding} of {report.Rows.Count} staff have not acknowledged it yet");
            }
        }
        return lines.Count == 0 ? null : ("Policy acknowledgements missing", lines);
    }
}
