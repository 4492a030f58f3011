using SchoolSite.Core.Events;

namespace SchoolSite.Contents;

// What happens to content, announced by ContentManager on the school's event path once it is saved.

/// <summary>A version of an item went live.</summary>
public sealed record ContentPublished(string ContentItemId, string ContentType, string Title, string Actor) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "publishing", "published", "content:" + ContentItemId, null, Title);
}

/// <summary>An item was taken off the site (it is kept, as a draft).</summary>
public sealed record ContentUnpublished(string ContentItemId, string ContentType, string Title, string Actor) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "publishing", "unpublished", "content:" + ContentItemId, null, Title);
}

/// <summary>An item was deleted (restorable for 30 days).</summary>
public sealed record ContentRemoved(string ContentItemId, string ContentType, string Title, string Actor) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "publishing", "deleted", "content:" + ContentItemId, null, Title);
}

/// <summary>A deleted item was brought back, as a draft.</summary>
public sealed record ContentRestored(string ContentItemId, string ContentType, string Title, string Actor) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "publishing", "restored", "content:" + ContentItemId, null, Title);
}

/// <summary>Content types or parts were defined or changed.</summary>
public sealed record ContentDefinitionsChanged : ISchoolEvent;

/// <summary>Publishing was refused; the reasons are what the person was told.</summary>
public sealed record ContentVetoed(string ContentItemId, string ContentType, string Title, string Actor, IReadOnlyList<string> Reasons) : IAuditedAction
{
    public AuditEntry Audit => new(Actor, "publishing", "vetoed", "content:" + ContentItemId, null, string.Join("\n", Reasons));
}
