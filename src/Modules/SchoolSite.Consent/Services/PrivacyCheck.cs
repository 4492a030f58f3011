using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Consent.Services;

/// <summary>A piece of text that could help a stranger identify a child, with what was matched.</summary>
public sealed record PrivacyFinding(string Kind, string Match, string Message);

/// <summary>
/// Finds what the school's guidance says never to publish about pupils: a full name (first and last,
/// any case, possessive too), an age, a date of birth, or a first name next to a surname initial and a
/// class ("Tom W. in 4B"). Names come from the register, held in memory per school; staff names are
/// not flagged unless the member of staff asked to be treated like a pupil.
/// </summary>
public sealed partial class PrivacyCheck(ConsentDbContext db, TenantContext tenant) : ISchoolEventHandler<PersonChanged>
{
    private const string Number = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";

    private const int LongestName = 4;

    public sealed record Index(FrozenSet<string> FullNames, FrozenSet<string> FirstNames, FrozenSet<string> Classes);

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’\-]*\.?")]
    private static partial Regex Word();

    [GeneratedRegex($@"\b(?:aged?\s+(?:\d{{1,2}}|{Number})\b|(?:\d{{1,2}}|{Number})[\s-]+years?[\s-]+old\b)", RegexOptions.IgnoreCase)]
    private static partial Regex Age();

    [GeneratedRegex(@"\b(?:born(?:\s+on|\s+in)?|date\s+of\s+birth|d\.o\.b\.?|dob)\s*:?\s*(?:the\s+)?\d{1,4}(?:st|nd|rd|th)?\b(?:[\s/.\-]+(?:\d{1,4}|[A-Za-z]{3,9}))*", RegexOptions.IgnoreCase)]
    private static partial Regex BirthDate();

    public int Order => -100;

    /// <summary>A name, kind or class may have changed: the names to look for are read again on next use.</summary>
    public Task HandleAsync(IReadOnlyList<PersonChanged> changes, CancellationToken cancellationToken)
    {
        tenant.Shell.Evict<Index>();
        return Task.CompletedTask;
    }

    /// <summary>Plain text from HTML, as a reader sees it.</summary>
    public static string TextOf(string html) => ReaderText.Of(html);

    /// <summary>Findings in any text the school would publish: HTML or plain, it is read as a reader sees it.</summary>
    public async Task<IReadOnlyList<PrivacyFinding>> CheckAsync(string html)
    {
        var text = ReaderText.Of(html);
        var index = await tenant.Shell.GetOrLoadAsync(LoadAsync);
        var findings = new List<PrivacyFinding>();
        var words = Word().Matches(text).Select(m => (m.Value.TrimEnd('.'), Key: Key(m.Value))).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            for (var length = Math.Min(LongestName, words.Count - i); length >= 2; length--)
            {
                var candidate = string.Join(' ', words.Skip(i).Take(length - 1).Select(w => w.Key).Append(WithoutPossessive(words[i + length - 1].Key)));
                if (index.FullNames.Contains(candidate))
                {
                    var match = string.Join(' ', words.Skip(i).Take(length).Select(w => w.Item1));
                    findings.Add(new PrivacyFinding("full-name", match, $"'{match}' is a pupil's full name: use their first name only, or the year group."));
                    break;
                }
            }
            // "Tom W. in 4B": a first name, a surname initial and a class together identify a child.
            if (i + 2 < words.Count && index.FirstNames.Contains(words[i].Key) && words[i + 1].Item1.Length == 1 && char.IsUpper(words[i + 1].Item1[0]))
            {
                var near = words.Skip(i + 2).Take(3).ToList();
                var classAt = near.FindIndex(w => index.Classes.Contains(w.Key));
                if (classAt >= 0)
                {
                    var match = string.Join(' ', words.Skip(i).Take(classAt + 3).Select(w => w.Item1));
                    findings.Add(new PrivacyFinding("name-and-class", match, $"'{match}' names a child by first name, surname initial and class."));
                }
            }
        }
        findings.AddRange(Age().Matches(text).Select(m => new PrivacyFinding("age", m.Value, $"'{m.Value}' gives a child's age: leave it out or use the year group.")));
        findings.AddRange(BirthDate().Matches(text).Select(m => new PrivacyFinding("date-of-birth", m.Value, $"'{m.Value}' gives a date of birth.")));
        return findings;
    }

    private static string Key(string word) => word.TrimEnd('.').Replace('’', '\'').ToLowerInvariant();

    private static string WithoutPossessive(string key)
        => key.EndsWith("'s", StringComparison.Ordinal) ? key[..^2] : key.EndsWith("s'", StringComparison.Ordinal) ? key[..^1] : key;

    private async Task<Index> LoadAsync()
    {
        var people = await db.People.AsNoTracking().ToListAsync();
        var named = people.Where(p => p.NameIsPrivate).ToList();
        var firstNames = named.SelectMany(p => new[] { p.LegalFirstName, p.PreferredFirstName }).OfType<string>().Select(Key).ToHashSet();
        var fullNames = named.SelectMany(p => new[] { p.LegalFirstName, p.PreferredFirstName }.OfType<string>()
            .Select(first => string.Join(' ', Word().Matches($"{first} {p.LegalLastName}").Select(w => Key(w.Value))))).ToHashSet();
        var classes = people.Where(p => p.Kind == PersonKind.Pupil).Select(p => p.ClassName).OfType<string>().Where(c => c.Length > 0).Select(Key).ToHashSet();
        return new Index(fullNames.ToFrozenSet(), firstNames.ToFrozenSet(), classes.ToFrozenSet());
    }
}
