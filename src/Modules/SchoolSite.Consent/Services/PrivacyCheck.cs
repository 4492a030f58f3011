using System.Collections.Frozen;
using System.Globalization;
using System.Text;
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
/// Finds what the school's guidance says never to publish about pupils: a full name in either order ("Amelia Watson",
/// "Watson, Amelia", "WATSON Amelia", possessive too), an age, a date of birth or birthday, or a first name next to a
/// surname initial and a class ("Tom W. in 4B"). It reads text as a reader sees it (<see cref="ReaderText"/>), whatever
/// field it comes from. Names come from the register, held in memory per school; staff names are not flagged unless the
/// member of staff asked to be treated like a pupil.
/// </summary>
public sealed partial class PrivacyCheck(ConsentDbContext db, TenantContext tenant, TimeProvider clock) : ISchoolEventHandler<PersonChanged>
{
    /// <summary>
    /// The register's private names as word keys. A full name is "first|surname"; each part may be several words
    /// ("Mary-Jane", "de Souza").
    /// </summary>
    public sealed record Index(FrozenSet<string> FullNames, FrozenSet<string> FirstNames, FrozenSet<string> Surnames, FrozenSet<string> Classes,
        int LongestFirstName, int LongestSurname);

    private readonly record struct Word(int Start, int End, string Key, bool Possessive, bool Capitalised, bool Initial);

    [GeneratedRegex(@"[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*")]
    private static partial Regex Words();

    /// <summary>
    /// Names that are also everyday words. Written in lower case they are the word ("we will green the playground",
    /// "say grace"), so they do not make up a name; capitalised, they may.
    /// </summary>
    private static readonly FrozenSet<string> EverydayWords = FrozenSet.Create(StringComparer.Ordinal,
        "will", "hope", "grace", "rose", "may", "june", "april", "august", "summer", "autumn", "joy", "faith", "mark", "bill", "pat", "sky",
        "ray", "dawn", "eve", "ivy", "holly", "daisy", "lily", "poppy", "iris", "heather", "amber", "ruby", "pearl", "hazel", "robin",
        "jack", "frank", "grant", "dean", "guy", "sandy", "chase", "hunter", "miles", "reed", "brook", "river", "penny", "sunny", "carol",
        "king", "young", "green", "brown", "white", "black", "grey", "gray", "long", "hill", "wood", "woods", "bird", "fox", "rich",
        "price", "hall", "church", "cook", "baker", "mason", "archer", "walker", "bell", "page", "lane", "ford", "marsh", "moss", "north",
        "west", "stone", "wells", "banks", "rice", "field", "fields", "park", "parks", "day", "best", "love", "hart", "swift", "sharp");

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
    public async Task<IReadOnlyList<PrivacyFinding>> CheckAsync(string text)
    {
        var plain = ReaderText.Of(text);
        if (plain.Length == 0)
        {
            return [];
        }
        var index = await tenant.Shell.GetOrLoadAsync(LoadAsync);
        var findings = new List<PrivacyFinding>();
        var words = Words().Matches(plain).Select(WordAt).ToList();
        for (var i = 0; i < words.Count; i++)
        {
            if (FullNameAt(plain, words, i, index) is { } end)
            {
                var match = plain[words[i].Start..words[end].End];
                findings.Add(new PrivacyFinding("full-name", match, $"'{match}' is a pupil's full name: use their first name only, or the year group."));
            }
            if (NameAndClassAt(plain, words, i, index) is { } withClass)
            {
                findings.Add(new PrivacyFinding("name-and-class", withClass, $"'{withClass}' names a child by first name, surname initial and class."));
            }
        }
        findings.AddRange(Once(ChildAges.In(plain, index))
            .Select(m => new PrivacyFinding("age", m, $"'{m}' gives a child's age: leave it out or use the year group.")));
        findings.AddRange(Once(BirthDates.In(plain, clock.GetUtcNow().Year))
            .Select(m => new PrivacyFinding("date-of-birth", m, $"'{m}' gives a date of birth or a birthday.")));
        return findings;
    }

    /// <summary>A word's key: lower case, accents and apostrophes gone, so "Zoë O’Brien’s" and "Zoe OBrien" are the same name.</summary>
    internal static string Key(string word)
    {
        var key = word.Replace('’', '\'').ToLowerInvariant();
        key = key.EndsWith("'s", StringComparison.Ordinal) ? key[..^2] : key;
        if (!key.All(char.IsAscii))
        {
            key = new string(key.Normalize(NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
        }
        return key.Replace("'", string.Empty, StringComparison.Ordinal);
    }

    private static Word WordAt(Match m)
    {
        var value = m.Value;
        return new Word(m.Index, m.Index + m.Length, Key(value), value.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || value.EndsWith("’s", StringComparison.OrdinalIgnoreCase),
            char.IsUpper(value[0]), value.Length == 1 && char.IsUpper(value[0]));
    }

    /// <summary>Where the longest pupil's full name starting at word <paramref name="i"/> ends, in either order, or null.</summary>
    private static int? FullNameAt(string text, List<Word> words, int i, Index index)
    {
        int? found = null;
        // First name, an optional middle name or initial, then surname: "Amelia Watson", "Amelia R. Watson".
        for (var first = 1; first <= index.LongestFirstName && i + first < words.Count; first++)
        {
            if (!Joined(text, words, i, first) || !index.FirstNames.Contains(KeyOf(words, i, first)))
            {
                continue;
            }
            for (var middle = 0; middle <= 1; middle++)
            {
                var surnameAt = i + first + middle;
                if (middle == 1 && (surnameAt >= words.Count || !words[surnameAt - 1].Capitalised || !Joined(text, words, surnameAt - 2, 3)))
                {
                    continue;
                }
                for (var surname = 1; surname <= index.LongestSurname && surnameAt + surname <= words.Count; surname++)
                {
                    if (Joined(text, words, surnameAt - 1, surname + 1)
                        && index.FullNames.Contains($"{KeyOf(words, i, first)}|{KeyOf(words, surnameAt, surname)}") && Later(found, surnameAt + surname - 1))
                    {
                        found = surnameAt + surname - 1;
                    }
                }
            }
        }
        // Surname first, as registers and team sheets write it: "Khan, Amelia", "WATSON Amelia".
        for (var surname = 1; surname <= index.LongestSurname && i + surname < words.Count; surname++)
        {
            var firstAt = i + surname;
            if (!Joined(text, words, i, surname) || !index.Surnames.Contains(KeyOf(words, i, surname)) || words[firstAt - 1].Possessive)
            {
                continue;
            }
            var gap = text.AsSpan(words[firstAt - 1].End, words[firstAt].Start - words[firstAt - 1].End).Trim();
            var withComma = gap is ",";
            if (!withComma && (gap.Length > 0 || !words.Skip(i).Take(surname + 1).All(w => w.Capitalised)))
            {
                continue;
            }
            for (var first = 1; first <= index.LongestFirstName && firstAt + first <= words.Count; first++)
            {
                if (Joined(text, words, firstAt, first) && index.FullNames.Contains($"{KeyOf(words, firstAt, first)}|{KeyOf(words, i, surname)}")
                    && Later(found, firstAt + first - 1))
                {
                    found = firstAt + first - 1;
                }
            }
        }
        return found;
    }

    private static bool Later(int? found, int end) => found is null || end > found;

    private static string KeyOf(List<Word> words, int start, int count)
        => count == 1 ? words[start].Key : string.Join(' ', words.Skip(start).Take(count).Select(w => w.Key));

    /// <summary>
    /// Whether these words read as one name: only a space or hyphen between them ("Mary-Jane", "de Souza"), or the full stop
    /// of an initial or "St."; no possessive before the last word; no everyday word written in lower case ("will", "grace").
    /// </summary>
    private static bool Joined(string text, List<Word> words, int start, int count)
    {
        for (var k = start; k < start + count; k++)
        {
            var word = words[k];
            if (!word.Capitalised && EverydayWords.Contains(word.Key))
            {
                return false;
            }
            if (k == start + count - 1)
            {
                break;
            }
            if (word.Possessive)
            {
                return false;
            }
            var gap = text.AsSpan(word.End, words[k + 1].Start - word.End);
            var joins = gap is " " or "-" or "–" || (gap is ". " or "." && word.Key.Length <= 2);
            if (!joins)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>"Tom W. in 4B": a first name, a surname initial and a class together identify a child.</summary>
    private static string? NameAndClassAt(string text, List<Word> words, int i, Index index)
    {
        if (i + 2 >= words.Count || !words[i].Capitalised || !index.FirstNames.Contains(words[i].Key) || !words[i + 1].Initial
            || text.AsSpan(words[i].End, words[i + 1].Start - words[i].End) is not " ")
        {
            return null;
        }
        var classAt = words.Skip(i + 2).Take(3).ToList().FindIndex(w => index.Classes.Contains(w.Key));
        return classAt < 0 ? null : string.Join(' ', words.Skip(i).Take(classAt + 3).Select(w => text[w.Start..w.End]));
    }

    /// <summary>Each stretch of text once: "who is 7" inside a longer age is not a second finding.</summary>
    private static IEnumerable<string> Once(IEnumerable<(int Start, string Match)> found)
    {
        var end = -1;
        foreach (var (start, match) in found.OrderBy(f => f.Start).ThenByDescending(f => f.Match.Length))
        {
            if (start >= end)
            {
                end = start + match.Length;
                yield return match;
            }
        }
    }

    private async Task<Index> LoadAsync()
    {
        var people = await db.People.AsNoTracking().ToListAsync();
        var named = people.Where(p => p.NameIsPrivate).ToList();
        var fullNames = new HashSet<string>();
        var firstNames = new HashSet<string>();
        var surnames = new HashSet<string>();
        var (longestFirst, longestSurname) = (1, 1);
        foreach (var person in named)
        {
            var words = WordKeys(person.LegalLastName);
            if (words.Count == 0)
            {
                continue;
            }
            longestSurname = Math.Max(longestSurname, words.Count);
            // "Mac Lean" is also written "MacLean", "Van Dijk" "VanDijk".
            var surnameKeys = words.Count == 1 ? [words[0]] : new[] { string.Join(' ', words), string.Concat(words) };
            surnames.UnionWith(surnameKeys);
            foreach (var first in new[] { person.LegalFirstName, person.PreferredFirstName }.OfType<string>().Select(WordKeys).Where(f => f.Count > 0))
            {
                firstNames.Add(string.Join(' ', first));
                fullNames.UnionWith(surnameKeys.Select(surname => $"{string.Join(' ', first)}|{surname}"));
                longestFirst = Math.Max(longestFirst, first.Count);
            }
        }
        var classes = people.Where(p => p.Kind == PersonKind.Pupil).Select(p => p.ClassName).OfType<string>().Where(c => c.Length > 0).Select(Key).ToHashSet();
        return new Index(fullNames.ToFrozenSet(), firstNames.ToFrozenSet(), surnames.ToFrozenSet(), classes.ToFrozenSet(), longestFirst, longestSurname);
    }

    private static List<string> WordKeys(string name) => Words().Matches(name).Select(m => Key(m.Value)).ToList();
}
