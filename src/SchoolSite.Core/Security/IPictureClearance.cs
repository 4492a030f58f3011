namespace SchoolSite.Core.Security;

/// <summary>
/// Whether a picture of these people may be shown now for a purpose ("website", "social-media"…).
/// The consent module answers; without it, no picture of a person is ever cleared.
/// </summary>
public interface IPictureClearance
{
    ValueTask<PictureDecision> DecideAsync(IReadOnlyList<string> personIds, string purpose);
}

/// <summary>Cleared, or blocked with a reason per person that staff can act on.</summary>
public sealed record PictureDecision(bool Cleared, IReadOnlyList<string> Reasons)
{
    public static readonly PictureDecision Yes = new(true, []);
}
