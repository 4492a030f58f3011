using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Notifications.Services;
using SchoolSite.Workflows.Models;

namespace SchoolSite.Workflows.Services;

/// <summary>The weekly summary's review part: how many items wait for a check or a sign-off, and how many are planned.</summary>
public sealed class ReviewSummary : IWeeklySummarySection
{
    public int Order => 10;

    public async Task<(string Heading, IReadOnlyList<string> Lines)?> SummaryAsync(IServiceProvider services, DateTimeOffset since)
    {
        if (!services.GetRequiredService<SchoolSite.Core.Tenancy.TenantContext>().Shell.IsEnabled(Manifest.WorkflowsFeature))
        {
            return null;
        }
        var db = services.GetRequiredService<WorkflowDbContext>();
        var waiting = await db.Instances.CountAsync(i => i.State != WorkflowStates.Draft && i.State != WorkflowStates.Published && i.State != WorkflowStates.Approved);
        var planned = await db.Instances.CountAsync(i => i.State == WorkflowStates.Approved && i.PublishAtUtc != null);
        var lines = new List<string>();
        if (waiting > 0)
        {
            lines.Add($"{waiting} {(waiting == 1 ? "item waits" : "items wait")} for a check or a sign-off");
        }
        if (planned > 0)
        {
            lines.Add($"{planned} signed-off {(planned == 1 ? "item is" : "items are")} planned to be published");
        }
        return lines.Count == 0 ? null : ("Waiting for review", lines);
    }
}
