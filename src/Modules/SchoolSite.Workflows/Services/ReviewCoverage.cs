using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Recipes;

namespace SchoolSite.Workflows.Services;

/// <summary>
/// Once a school reviews content, every content type is reviewed: otherwise choosing another type (a news list, the
/// menu) would be a way round the review. A type no workflow covers cannot be published; a recipe may not leave
/// one; the content types page says which review each type goes through.
/// </summary>
public sealed class ReviewCoverage(WorkflowTypes types, ContentDefinitionStore definitions) : IContentTypeNotes
{
    /// <summary>Whether the school reviews content: the feature is on and it has at least one workflow.</summary>
    public async Task<bool> IsReviewingAsync() => types.IsOn && (await types.GetAsync()).ByName.Count > 0;

    /// <summary>Content types no workflow covers while the school reviews content (none when it does not).</summary>
    public async Task<IReadOnlyList<ContentTypeDefinition>> UncoveredAsync()
    {
        if (!await IsReviewingAsync())
        {
            return [];
        }
        var covered = (await types.GetAsync()).ByContentType;
        return (await definitions.GetAsync()).Types.Where(t => !covered.ContainsKey(t.Name)).OrderBy(t => t.Name).ToList();
    }

    public async Task<string?> NoteAsync(ContentTypeDefinition type)
    {
        if (!await IsReviewingAsync())
        {
            return null;
        }
        return await types.ForContentTypeAsync(type.Name) is { } workflow
            ? $"Reviewed before publishing: {workflow.DisplayName}{(workflow.EscalateTo is null ? "" : " (two checks when it pictures pupils or names one)")}."
            : "Not covered by any review, so it cannot be published: ask the trust to add it to a review workflow.";
    }
}

/// <summary>A recipe may not leave a content type without review in a school that reviews content.</summary>
public sealed class EveryTypeReviewed : IRecipeOutcomeCheck
{
    public async Task<IReadOnlyList<string>> CheckAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var uncovered = await services.GetRequiredService<ReviewCoverage>().UncoveredAsync();
        return uncovered.Count == 0 ? [] :
        [
            $"no review workflow covers the content type{(uncovered.Count == 1 ? "" : "s")} {string.Join(", ", uncovered.Select(t => t.Name))}: " +
            "once a school reviews content every type must be reviewed, so add them to a workflow's ContentTypes (WorkflowType step)",
        ];
    }
}
