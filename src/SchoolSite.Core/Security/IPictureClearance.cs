using SchoolSite.Core.Events;

namespace SchoolSite.Core.Security;

/// <summary>
/// Whether a picture of these people may be shown now for a purpose ("website", "social-media"…).
/// The consent module answers; without it, no picture of a person is ever cleared.
/// </summary>
public interface IPictureClearance
{
    ValueTask<PictureDecision> DecideAsync(IReadOnlyList<string> personIds, string purpose);

    /// <summary>The school's purposes, by name.</summary>
    ValueTask<IReadOnlyList<string>> PurposesAsync();
}

/// <summary>
/// Cleared, or blocked with a reason per person that staff can act on. A clearance that rests on
/// this school year's consents says when it lapses.
/// </summary>
public sealed record PictureDecision(bool Cleared, IReadOnlyList<string> Reasons, DateTimeOffset? Lapses = null)
{
    public static readonly PictureDecision Yes = new(true, []);
}

/// <summary>
/// What decides pictures of a person changed: their consent, status, never-publish flag or name. Raised by
/// the consent module; the gate's index and every page that could show them are refreshed.
/// </summary>
public sealed record PersonChanged(string PersonId, AuditEntry? Audit = null) : IAuditedEvent;

/// <summary>
/// A media item was added or re-described: who is in it, its alt text or caption. Raised by the media
/// library; the library's index and every page that shows it are refreshed.
/// </summary>
public sealed record PictureChanged(string MediaId, AuditEntry? Audit = null) : IAuditedEvent;

/// <summary>Who can be tagged in a picture: the register as the media library may show it (no legal surnames).</summary>
public interface IPeopleDirectory
{
    Task<IReadOnlyList<PersonEntry>> ListAsync();
}

/// <summary>A person as shown when tagging: first name, surname initial, year group or "Staff".</summary>
public sealed record PersonEntry(string Id, string Label, string Group);
