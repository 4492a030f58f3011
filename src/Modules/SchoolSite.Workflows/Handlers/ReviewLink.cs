using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Workflows.Services;

namespace SchoolSite.Workflows.Handlers;

/// <summary>The editor links to an item's review, saying where it stands.</summary>
public sealed class ReviewLink(WorkflowInstances instances) : IContentEditorLinks
{
    public async Task<IReadOnlyList<ContentEditorLink>> LinksAsync(ContentItem item)
    {
        var (definition, instance) = await instances.ForAsync(item);
        return definition is null || instance is null
            ? []
            : [new ContentEditorLink($"Review and submit (it is {ReviewWording.State(definition, instance)})", $"/admin/content/{item.ContentItemId}/review")];
    }
}
