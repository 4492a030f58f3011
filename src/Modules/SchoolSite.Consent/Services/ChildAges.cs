using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace SchoolSite.Consent.Services;

/// <summary>
/// A child's age in the forms schools write it: "aged 9", "age nine", "9-year-old Ava", "nine years old", "Oliver, 10,",
/// "Oliver (10)", "Ava, who is 7,", "she turned nine", "her 8th birthday". Ages of things and of adults are left alone:
/// past 19 nobody is a pupil, and "a 10-year-old tradition" is about the tradition.
/// </summary>
internal static partial class ChildAges
{
    private const string Number = "(?:1[0-9]|0?[1-9]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)";

    private const string Ordinal = "(?:(?:1[0-9]|[1-9])(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth)";

    // What follows an age that is said of a child; "who is 10 minutes late" or "was 7 points clear" is not an age.
    private const string AgeEnds = @"(?=\s*(?:[,;!?)]|[.:](?!\d)|$|and\b|today\b|tomorrow\b|yesterday\b|this\b|next\b|last\b|on\b|in\b))";

    private const string Name = @"(?<![\p{L}\p{M}'’-])(?<name>\p{Lu}[\p{L}\p{M}'’-]*\p{Ll}[\p{L}\p{M}'’-]*)";

    private const string Half = @"(?:\s*½|\s+and\s+a\s+half)?";

    private const string Unit = @"(?:\s*(?:years?|yrs?|y)\b)?";

    private const string Roughly = @"(?:(?:nearly|almost|just|only|now)\s+)?";

    private const string Person = "winner|pupil|child|girl|boy|son|daughter|entrant|student|reader|author|artist|player|captain|brother|sister|twin|grandson|granddaughter";

    /// <summary>After "Oliver, 10": a comma, a full stop (not "10.30"), a bracket, " - " or "and"; not "10/10" or "10 out of 10".</summary>
    private const string ListEnds = @"(?=\s*(?:[,;!?)]|[.:](?!\d)|$)|\s+[-–]\s|\s+and\b)";

    // "aged 5 to 11", "aged 7-11", "aged 9+", "aged 4 and over", "aged 3 and 4" describe a group, not a child.
    private const string NotARange = $@"(?!\s*(?:[-–+&]|to\b|or\b|plus\b|and\s+(?:over|under|above|below|up|older|younger|{Number})\b))";

    [GeneratedRegex($@"\bage(?:d|\s+of)?\s*:?\s*{Roughly}{Number}\b{Half}{NotARange}", RegexOptions.IgnoreCase)]
    private static partial Regex Aged();

    // Ranges and limits ("5-11 years old", "under 5 years old", "7 years old and over") describe a group, not a child.
    [GeneratedRegex($@"(?<!(?:\d\s*[-–]|\b{Number}\s+(?:or|and)|\bto|\bunder|\bover|\bbelow|\babove|\bfrom|\bbetween)\s*)\b{Number}{Half}(?:[\s\-–]*(?:years?|yrs?)[\s\-–]*old\b|\s+years?\s+of\s+age\b|\s*(?:y/o|y\.o\.?|yo)(?!\w))(?!\s+and\s+(?:over|under|above|below|up)\b)",
        RegexOptions.IgnoreCase)]
    private static partial Regex YearsOld();

    [GeneratedRegex($@"(?:{Name}|\b(?<person>{Person}))\s*(?:,\s*{Roughly}(?i:{Number}){Unit}{ListEnds}|(?<brackets>\(\s*{Roughly}(?i:{Number}){Unit}\s*\)))")]
    private static partial Regex NameThenAge();

    [GeneratedRegex($@"\bwho(?:'s|’s|\s+is|\s+was|\s+has|\s+will)?(?:\s+(?:just|only|now|recently))?(?:\s+(?:turned|turning|turns|turn|be))?\s+{Number}\b{AgeEnds}",
        RegexOptions.IgnoreCase)]
    private static partial Regex WhoIs();

    [GeneratedRegex($@"(?<![\p{{L}}'’-])(?<name>\p{{Lu}}[\p{{L}}\p{{M}}'’-]*?|he|she)(?:(?<turned>\s+(?i:turned|has\s+(?:just\s+)?turned|just\s+turned))|(?i:'s|’s|\s+is|\s+was|\s+turns|\s+is\s+turning|\s+is\s+now|\s+will\s+be|\s+will\s+turn))\s+(?i:{Number})\b{AgeEnds}")]
    private static partial Regex NameIs();

    [GeneratedRegex($@"\b{Ordinal}\s+birthday\b", RegexOptions.IgnoreCase)]
    private static partial Regex NthBirthday();

    [GeneratedRegex(@"\s(?:is|was|(?<plural>are|were)|will\s+be|turns|turned|is\s+now)\s+(?:nearly\s+|almost\s+|just\s+|now\s+|over\s+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SubjectBefore();

    [GeneratedRegex(@"[\p{L}\p{M}]+(?:['’][\p{L}\p{M}]+)*")]
    private static partial Regex Words();

    // Capitalised plurals are classes and teams ("Hedgehogs, 3," "Robins (28)"); names rarely end in a consonant and "s".
    [GeneratedRegex(@"[b-df-hj-np-rtv-z]s$")]
    private static partial Regex Plural();

    [GeneratedRegex(@"(?:\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Prof|Rev|Revd|Coach|Captain|Lady|Lord)\.?|\b[A-Z]\.)\s+$")]
    private static partial Regex TitleBefore();

    [GeneratedRegex(@"^\s*(?:,|\bto\b|\bfrom\b)?\s*(?:all\s+of\s+us\s+to\s+)?(?<name>\p{Lu}[\p{L}\p{M}'’-]+)")]
    private static partial Regex BirthdayTo();

    [GeneratedRegex(@"(?<word>[\p{L}\p{M}'’]+)\s+$")]
    private static partial Regex WordBefore();

    [GeneratedRegex(@"\b(?:goals?|scor(?:ed|ers?|es?)|points?|runs|wickets|tries|votes|laps|baskets|medals|house\s+points)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Tally();

    [GeneratedRegex(@"\w['’]s$|s['’]$")]
    private static partial Regex Possessive();

    /// <summary>What can be old without being a child: buildings, vehicles, events, animals, and "which" or "it".</summary>
    private static readonly FrozenSet<string> Things = FrozenSet.Create(StringComparer.Ordinal,
        "school", "academy", "college", "trust", "building", "buildings", "hall", "library", "classroom", "block", "wing", "site", "field",
        "pitch", "pool", "playground", "garden", "pond", "tree", "trees", "oak", "yew", "hedge", "wall", "roof", "boiler", "window", "windows",
        "clock", "bell", "bus", "minibus", "coach", "van", "car", "piano", "organ", "computer", "computers", "laptop", "laptops", "equipment",
        "kitchen", "canteen", "chapel", "church", "tradition", "event", "fair", "festival", "show", "concert", "club", "choir", "band",
        "orchestra", "charity", "scheme", "project", "partnership", "link", "association", "pta", "company", "shop", "business", "dog",
        "cat", "tortoise", "rabbit", "hamster", "pony", "horse", "fish", "hen", "hens", "chickens", "goat", "sheep", "recipe", "book",
        "painting", "mural", "statue", "trophy", "cup", "shield", "banner", "flag", "photo", "photograph", "film", "uniform", "logo",
        "website", "newsletter", "blog", "magazine", "competition", "race", "relay", "record", "lighthouse", "castle", "bridge", "house",
        "frame", "apparatus", "pavilion", "greenhouse", "shed", "hut", "cabin", "track", "court", "boat", "tractor", "oven", "kiln",
        "printer", "whiteboard", "projector", "carpet", "furniture", "sign", "gates", "fence", "path", "orchard", "forest", "woodland", "provision", "place", "places", "funding", "offer", "room", "goats", "dogs", "cats", "animals", "tortoises", "lamb", "lambs", "calf", "calves", "chicks", "ducklings", "kittens", "puppy", "puppies", "foal",
        "which", "it");

    /// <summary>Words for a child that may follow an age, after a word that could be a thing ("school reporter").</summary>
    private static readonly FrozenSet<string> People = FrozenSet.Create(StringComparer.Ordinal, [.. Person.Split('|'),
        "member", "reporter", "councillor", "pupils", "children", "girls", "boys", "footballer", "swimmer", "runner", "dancer", "singer",
        "musician", "poet", "scientist", "champion", "ambassador", "leader", "monitor", "prefect", "helper", "buddy", "chorister"]);

    /// <summary>Capitalised words that come before a number without being a child's name ("Year 6, 30 children", "Monday, 12").</summary>
    private static readonly FrozenSet<string> NotNames = FrozenSet.Create(StringComparer.Ordinal,
        "year", "years", "class", "classes", "group", "groups", "set", "sets", "room", "table", "tables", "team", "teams", "house", "houses",
        "key", "stage", "level", "grade", "page", "pages", "chapter", "question", "questions", "lesson", "week", "weeks", "term", "day", "days",
        "round", "heat", "lane", "race", "match", "game", "score", "scores", "total", "totals", "points", "number", "no", "red", "blue",
        "green", "yellow", "orange", "purple", "black", "white", "gold", "silver", "bronze", "under", "over", "at", "in", "on", "by",
        "from", "to", "until", "before", "after", "around", "about", "aged", "age", "ages", "and", "or", "but", "so", "then", "now", "today",
        "also", "only", "just", "nearly", "almost", "some", "all", "reception", "nursery", "form", "boys", "girls", "pupils", "children",
        "students", "adults", "parents", "staff", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "autumn", "spring",
        "summer", "winter", "hole", "part", "unit", "bus", "route", "gate", "door", "platform", "psalm", "verse", "hymn", "track",
        "tickets", "price", "cost", "prices", "hours", "times", "time", "primary", "infants", "juniors", "federation", "ks", "ks1", "ks2", "ks3", "ks4", "football", "netball", "rugby", "cricket", "hockey", "tennis", "rounders",
        "chess", "choir", "art", "drama", "dance", "gymnastics", "swimming", "athletics", "coding", "cookery", "gardening", "french", "spanish",
        "maths", "english", "science", "history", "geography", "music", "pe", "computing", "reading", "writing", "phonics", "spelling", "homework", "yes", "well", "thanks", "finally");

    public static IEnumerable<(int Start, string Match)> In(string text, PrivacyCheck.Index index)
    {
        foreach (Match m in Aged().Matches(text))
        {
            yield return (m.Index, m.Value);
        }
        foreach (Match m in YearsOld().Matches(text))
        {
            if (!OfAThing(text, m, index))
            {
                yield return (m.Index, m.Value);
            }
        }
        // "Scorers: Jacob (2), Ava (1)" counts goals, not years.
        var tallies = Tally().IsMatch(text);
        foreach (Match m in NameThenAge().Matches(text))
        {
            if (m.Groups["brackets"].Success && tallies)
            {
                continue;
            }
            if (m.Groups["person"].Success || (MaybeAChild(m.Groups["name"].Value, index) && !TitleBefore().IsMatch(Before(text, m.Index, 12))))
            {
                yield return (m.Index, m.Value);
            }
        }
        foreach (Match m in WhoIs().Matches(text))
        {
            yield return (m.Index, m.Value);
        }
        foreach (Match m in NameIs().Matches(text))
        {
            // "Max turned 7 on Friday" is a child's birthday news, but "Oakwood turns 10 this year" is the school's
            // anniversary: in the present tense only a pupil's name or "he"/"she" makes it a child's age.
            var name = PrivacyCheck.Key(m.Groups["name"].Value);
            if (name is "he" or "she" || index.FirstNames.Contains(name) || index.Surnames.Contains(name)
                || (m.Groups["turned"].Success && MaybeAChild(m.Groups["name"].Value, index)))
            {
                yield return (m.Index, m.Value);
            }
        }
        foreach (Match m in NthBirthday().Matches(text))
        {
            // "Her 8th birthday" states an age as plainly as "aged 8". Schools, clubs and gardens have birthdays too, so
            // it counts only when it is a person's: "her", "Ava's", or "Happy 8th birthday to Ruby" with a pupil's name.
            var before = WordBefore().Match(Before(text, m.Index, 30));
            var owner = before.Success ? before.Groups["word"].Value : string.Empty;
            var end = m.Index + m.Length;
            var to = BirthdayTo().Match(text.Substring(end, Math.Min(40, text.Length - end)));
            if (owner.ToLowerInvariant() is "his" or "her" or "their" or "my" or "your"
                || (Possessive().IsMatch(owner) && !Things.Contains(PrivacyCheck.Key(owner.TrimEnd('\'', '’'))))
                || (to.Success && index.FirstNames.Contains(PrivacyCheck.Key(to.Groups["name"].Value))))
            {
                yield return (m.Index, m.Value);
            }
        }
    }

    /// <summary>Whether a capitalised word before an age may be a child's name: a pupil's, or any word that is not a class, a day or a team.</summary>
    private static bool MaybeAChild(string word, PrivacyCheck.Index index)
    {
        var name = PrivacyCheck.Key(word);
        return index.FirstNames.Contains(name) || (!NotNames.Contains(name) && !Things.Contains(name) && !index.Classes.Contains(name) && !Plural().IsMatch(name));
    }

    private static bool OfAThing(string text, Match age, PrivacyCheck.Index index)
    {
        // "A 10-year-old tradition", "the 5-year-old climbing frame": the thing follows within two words, unless a
        // person does ("our 9-year-old school reporter").
        var end = age.Index + age.Length;
        var after = Words().Matches(text.Substring(end, Math.Min(40, text.Length - end))).Take(3).Select(w => PrivacyCheck.Key(w.Value)).ToList();
        if (!age.Value.EndsWith("of age", StringComparison.OrdinalIgnoreCase) && after.Take(2).Any(Things.Contains) && !after.Any(People.Contains))
        {
            return true;
        }
        var verb = SubjectBefore().Match(Before(text, age.Index, 40));
        if (!verb.Success)
        {
            return false;
        }
        // "Ava from the choir is 9 years old" is Ava's age; "our partnership with St Anne's is 10 years old" is not a
        // child's, and "Year 3 children are 7 or 8" or "our youngest pupils are 4" is said of a year group.
        var subject = Words().Matches(Before(text, age.Index, 60)).Select(w => PrivacyCheck.Key(w.Value)).TakeLast(8).ToList();
        var aboutAPupil = subject.Any(w => w is "he" or "she" or "who" || index.FirstNames.Contains(w));
        return !aboutAPupil && (verb.Groups["plural"].Success || subject.Any(Things.Contains));
    }

    private static string Before(string text, int index, int most) => text.Substring(Math.Max(0, index - most), Math.Min(most, index));
}
