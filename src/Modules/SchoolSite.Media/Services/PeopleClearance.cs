using System.Globalization;
using SchoolSite.Core.Security;

namespace SchoolSite.Media.Services;

/// <summary>
/// Asks the consent gate about the people in one item a few at a time, so that a decision never costs more
/// than a small constant whatever was stored: the gate writes a reason for each person it is asked about who
/// is not cleared, and an item may name up to <see cref="Models.MediaItem.MaxPeople"/> people. A visitor's
/// decision stops at the first group with someone not cleared; staff get the first few reasons and a count.
/// </summary>
public static class PeopleClearance
{
    /// <summary>
    /// The most people asked about at once (groups grow 1, 2, 4 … 32: a first person not cleared costs one reason),
    /// the most people named for staff, and the longest reason kept.
    /// </summary>
    public const int Group = 32, Named = 3, ReasonLength = 200;

    public static readonly PictureDecision Unavailable = new(false, ["Consent records are not available, so no picture of a person can be shown."]);

    private static readonly PictureDecision Blocked = new(false, []);

    public static async ValueTask<PictureDecision> DecideAsync(IPictureClearance clearance, IReadOnlyList<string> people, string purpose, bool explain)
    {
        if (explain)
        {
            // A refusal for the purpose as a whole (consent switched off, no such purpose) is one reason, not one per person.
            var whole = await clearance.DecideAsync([], purpose);
            if (!whole.Cleared)
            {
                return new PictureDecision(false, [.. whole.Reasons.Take(Named).Select(Short)]);
            }
        }
        var reasons = new List<string>();
        var notCleared = 0;
        DateTimeOffset? lapses = null;
        for (int start = 0, size = 1; start < people.Count; start += size, size = Math.Min(size * 2, Group))
        {
            var group = new string[Math.Min(size, people.Count - start)];
            for (var i = 0; i < group.Length; i++)
            {
                group[i] = people[start + i];
            }
            var decision = await clearance.DecideAsync(group, purpose);
            if (decision.Cleared)
            {
                lapses = decision.Lapses is { } lapse && (lapses is null || lapse < lapses) ? lapse : lapses;
                continue;
            }
            if (!explain)
            {
                return Blocked;
            }
            // The gate gives one reason per person not cleared.
            notCleared += Math.Max(1, decision.Reasons.Count);
            reasons.AddRange(decision.Reasons.Take(Named - reasons.Count).Select(Short));
        }
        if (notCleared == 0)
        {
            return new PictureDecision(true, [], lapses);
        }
        if (notCleared > reasons.Count)
        {
            reasons.Add(string.Create(CultureInfo.InvariantCulture,
                $"{notCleared - reasons.Count:N0} more of the {people.Count:N0} people in it are not cleared for {ShortText.Of(purpose, 40)} either."));
        }
        return new PictureDecision(false, reasons);
    }

    private static string Short(string reason) => ShortText.Of(reason, ReasonLength)!;
}
