using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;
using SchoolSite.Workflows.Models;

namespace SchoolSite.Workflows.Services;

/// <summary>Where items stand in their workflows (read by the publish path's handler, so it needs nothing that publishes).</summary>
public sealed class WorkflowInstances(WorkflowDbContext db, WorkflowTypes types, TimeProvider time)
{
    /// <summary>The fingerprint of a version's content: an approval is bound to it.</summary>
    public static string HashOf(ContentItem item)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{item.ContentType}\u001f{item.DisplayText}\u001f{item.Data}")));

    /// <summary>The item's workflow and where it stands; an item made before its type had a workflow starts where it is.</summary>
    public async Task<(WorkflowDefinition? Definition, WorkflowInstance? Instance)> ForAsync(ContentItem item)
    {
        // Only governed types have instances: every other content change costs no query here.
        if (await types.ForContentTypeAsync(item.ContentType) is not { } governing)
        {
            return (null, null);
        }
        var instance = await db.Instances.FirstOrDefaultAsync(i => i.ContentItemId == item.ContentItemId);
        var definition = instance is null ? governing : await types.NamedAsync(instance.WorkflowType);
        if (definition is null)
        {
            return (null, null);
        }
        if (instance is null)
        {
            instance = new WorkflowInstance
            {
                ContentItemId = item.ContentItemId,
                WorkflowType = definition.Name,
                State = item.Published ? WorkflowStates.Published : WorkflowStates.Draft,
                Editors = item.Owner ?? string.Empty,
                UpdatedUtc = time.GetUtcNow().UtcDateTime,
            };
            db.Instances.Add(instance);
        }
        return (definition, instance);
    }

    /// <summary>
    /// Forget the checks and approvals: they belonged to a version that is no longer the one under review. A planned
    /// publishing time stays (it is the author's plan, not an approval); taking the item off the site ends it.
    /// </summary>
    public static void Reset(WorkflowInstance instance)
        => instance.CheckedBy = instance.CheckedHash = instance.ApprovedBy = instance.ApprovedHash = null;

    /// <summary>Taken off the site: the approvals and any plan for it are over.</summary>
    public static void Withdrawn(WorkflowInstance instance)
    {
        Reset(instance);
        instance.PublishAtUtc = instance.UnpublishAtUtc = null;
    }
}
