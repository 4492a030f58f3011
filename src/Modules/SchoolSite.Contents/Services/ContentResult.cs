using SchoolSite.Contents.Models;

namespace SchoolSite.Contents.Services;

public enum ContentOutcome
{
    Ok,
    NotFound,
    Invalid,
    Conflict,
    Vetoed,
}

/// <summary>What happened to a content operation, with the errors a person can act on.</summary>
public sealed record ContentResult(ContentOutcome Outcome, ContentItem? Item, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Outcome == ContentOutcome.Ok;

    public static ContentResult Ok(ContentItem item) => new(ContentOutcome.Ok, item, new Dictionary<string, string[]>());

    public static ContentResult Fail(ContentOutcome outcome, string field, string message)
        => new(outcome, null, new Dictionary<string, string[]> { [field] = [message] });

    public string Describe() => string.Join(" ", Errors.SelectMany(e => e.Value));
}
