using System.Globalization;

namespace SchoolSite.Crash;

/// <summary>One change, or one acknowledged write, that is not as it should be. <see cref="Key"/> names it across rounds.</summary>
public sealed record Finding(string Key, string Text);

public sealed record CheckResult(
    IReadOnlyList<Finding> Lost,
    IReadOnlyList<Finding> WithoutEntry,
    IReadOnlyList<Finding> EntryWithoutChange,
    int UnansweredLanded);

/// <summary>
/// Compares what the writers were told with what the database holds, and each change in the register with its entry in the
/// audit chain:
/// - every acknowledged person is in <c>people</c>, every acknowledged consent in <c>consent_records</c> (by its marker);
/// - every person has a sealed <c>people/added</c> entry with subject <c>person:{id}</c>;
/// - every consent record has a sealed <c>consent/{status}</c> entry for its person quoting its "given by"
///   (<c>… (given by {marker}, {method})</c>), one entry per record;
/// - and the other way: no entry for a change that is not there.
/// </summary>
public static class ChangeCheck
{
    private const string GivenBy = "(given by ";

    public static CheckResult Run(SchoolState state, WriteLog log)
    {
        var people = state.People.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var externalIds = state.People.Select(p => p.ExternalId).ToHashSet(StringComparer.Ordinal);
        var consentMarkers = state.Consents.Where(c => c.GivenBy is not null).ToLookup(c => c.GivenBy!, StringComparer.Ordinal);

        var lost = new List<Finding>();
        foreach (var write in log.Acknowledged)
        {
            var there = write.Kind == WriteKind.Person
                ? people.Contains(write.PersonId!)
                : consentMarkers[write.Marker].Any(c => c.PersonId == write.PersonId && c.Purpose == write.Purpose && c.Status == write.Status);
            if (!there)
            {
                lost.Add(new Finding($"lost:{write.Marker}", $"round {write.Round}: {write.Describe()}, acknowledged at {write.AnsweredAt:0.000} s, is not in the database"));
            }
        }
        var landed = log.Unanswered.Count(w => w.Kind == WriteKind.Person ? externalIds.Contains(w.Marker) : consentMarkers.Contains(w.Marker));

        var withoutEntry = new List<Finding>();
        var entryWithoutChange = new List<Finding>();

        var added = state.Entries.Where(e => e is { Category: "people", Action: "added" })
            .GroupBy(e => e.Subject, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var person in state.People)
        {
            if (!added.ContainsKey(Subject(person.Id)))
            {
                withoutEntry.Add(new Finding($"person:{person.Id}", $"person {person.Id} (MIS id {person.ExternalId}) has no 'people added' entry{Origin(log, person.ExternalId)}"));
            }
        }
        foreach (var subject in added.Keys.Where(s => !people.Contains(s["person:".Length..])))
        {
            entryWithoutChange.Add(new Finding($"entry:{subject}:added", $"a 'people added' entry for {subject}, who is not in the register"));
        }

        // Records and entries matched one to one on (person, answer, given by).
        var entries = state.Entries.Where(e => e.Category == "consent")
            .GroupBy(e => ConsentKey(e.Subject, e.Action, MarkerOf(e.After)), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var group in state.Consents.GroupBy(c => ConsentKey(Subject(c.PersonId), c.Status.ToLowerInvariant(), c.GivenBy ?? "not said"), StringComparer.Ordinal))
        {
            var sealedCount = entries.Remove(group.Key, out var matching) ? matching.Count : 0;
            foreach (var record in group.OrderBy(c => c.Id).Skip(sealedCount))
            {
                withoutEntry.Add(new Finding($"consent:{record.Id}",
                    $"consent record {record.Id} (person {record.PersonId}, {record.Purpose}, {record.Status}, given by {record.GivenBy ?? "-"}, " +
                    $"recorded {record.RecordedUtc.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)} UTC) has no audit entry{Origin(log, record.GivenBy)}"));
            }
            if (matching is { } extra && extra.Count > group.Count())
            {
                entries[group.Key] = extra.Skip(group.Count()).ToList();
            }
        }
        foreach (var entry in entries.Values.SelectMany(e => e))
        {
            entryWithoutChange.Add(new Finding($"entry:{entry.Sequence}", $"audit entry {entry.Sequence} ({entry.Category} {entry.Action} {entry.Subject}: {entry.After}) has no consent record"));
        }
        return new CheckResult(lost, withoutEntry, entryWithoutChange, landed);
    }

    private static string Subject(string personId) => $"person:{personId}";

    private static string ConsentKey(string subject, string action, string? marker) => $"{subject}|{action}|{marker}";

    /// <summary>The "given by" an entry quotes: "website 2026-27: Granted (given by r3-w1-17, form)".</summary>
    private static string? MarkerOf(string? after)
    {
        var start = after?.LastIndexOf(GivenBy, StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return null;
        }
        start += GivenBy.Length;
        var end = after!.IndexOf(", ", start, StringComparison.Ordinal);
        return end < 0 ? null : after[start..end];
    }

    /// <summary>Which of the harness's writes made the change, and whether it was answered.</summary>
    private static string Origin(WriteLog log, string? marker)
    {
        if (marker is null)
        {
            return "";
        }
        if (log.Acknowledged.FirstOrDefault(w => w.Marker == marker) is { } acknowledged)
        {
            return $"; written in round {acknowledged.Round}, sent at {acknowledged.SentAt:0.000} s, acknowledged at {acknowledged.AnsweredAt:0.000} s";
        }
        if (log.Unanswered.FirstOrDefault(w => w.Marker == marker) is { } unanswered)
        {
            return $"; written in round {unanswered.Round}, sent at {unanswered.SentAt:0.000} s, never answered (the connection broke at {unanswered.AnsweredAt:0.000} s)";
        }
        return log.Refused.Where(r => r.Write.Marker == marker)
            .Select(r => $"; written in round {r.Write.Round}, answered {r.Answer.Status} at {r.Write.AnsweredAt:0.000} s")
            .FirstOrDefault() ?? "; not written by the harness";
    }
}
