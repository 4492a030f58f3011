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
/// Told when what decides a picture changes: a person's consent, status or never-publish flag, or who
/// is in a picture. The public site evicts the pages that show them.
/// </summary>
public interface IPictureObserver
{
    Task PersonChangedAsync(string personId) => Task.CompletedTask;

    Task MediaChangedAsync(string mediaId) => Task.CompletedTask;
}

/// <summary>Who can be tagged in a picture: the register as the media library may show it (no legal surnames).</summary>
public interface IPeopleDirectory
{
    Task<IReadOnlyList<PersonEntry>> ListAsync();
}

/// <summary>A person as shown when tagging: first name, surname initial, year group or "Staff".</summary>
public sealed record PersonEntry(string Id, string Label, string Group);
