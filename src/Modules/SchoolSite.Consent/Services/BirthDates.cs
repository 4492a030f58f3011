using System.Globalization;
using System.Text.RegularExpressions;

namespace SchoolSite.Consent.Services;

/// <summary>
/// A date of birth or a birthday in the forms British schools write them: "born on 3 May 2017", "born in March 2016",
/// "born 03/05/2017", "date of birth: 3rd May 2017", "DOB 3.5.17", "Ava's birthday is 5 May". A date on its own is an
/// event ("Sports day is on 5 May"), so only a date introduced as a birth or a birthday counts.
/// </summary>
internal static partial class BirthDates
{
    /// <summary>Anyone born longer ago is an adult or a figure from history ("Roald Dahl was born on 13 September 1916").</summary>
    private const int ChildhoodYears = 30;

    private const string Weekday = @"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?";

    private const string Month = @"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?";

    private const string Ninth = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth";

    /// <summary>"3", "03", "3rd", "third", "twenty-first".</summary>
    private const string Day = $@"(?:(?:0?[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th)?|{Ninth}|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty[\s-](?:{Ninth})|thirtieth|thirty[\s-]first)\b";

    private const string Year = @"(?<year>1[0-9]{3}|20[0-9]{2})\b";

    /// <summary>British day-first numbers, the year optional: "03/05/2017", "3.5.17", "3-5-2017", "3/5".</summary>
    private const string Numbers = @"(?:0?[1-9]|[12][0-9]|3[01])[/.\-](?:0?[1-9]|1[0-2])(?:[/.\-](?<year>\d{4}|\d{2}))?\b(?![/.\-]\d)";

    private const string Iso = @"(?<year>1[0-9]{3}|20[0-9]{2})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])\b";

    /// <summary>"Monday 3rd of May 2017", "May 3, 2017", "March 2016", all-number and ISO dates; the year may be left out.</summary>
    private const string Date = $@"(?:{Weekday}(?:the\s+)?{Day}\s+(?:of\s+)?{Month}(?:,?\s+{Year})?|{Weekday}{Month}\s+(?:the\s+)?{Day}(?:,?\s+{Year})?|{Month},?\s+{Year}|{Numbers}|{Iso})";

    // "born on 3 May 2017", "born 03/05/2017", "born in March 2016", "born in Leeds on 3 May 2017", "born at home in 2019".
    [GeneratedRegex($@"\bborn(?:\s+(?:on|in)|\s+(?:at|in)\s+[^.,;:!?\d]{{1,40}}?\s+(?:on|in))?(?:\s+the)?\s*:?\s*(?:{Date}|{Year})", RegexOptions.IgnoreCase)]
    private static partial Regex Born();

    [GeneratedRegex($@"(?:\bdate\s+of\s+birth|\bbirth\s*date|\bd\.\s?o\.\s?b\.?|\bdob\b)\s*(?:is|was|:|-|–)?\s*(?:{Date}|{Year})", RegexOptions.IgnoreCase)]
    private static partial Regex DateOfBirth();

    // "birthday is 5 May", "birthday: 5/5/2016", "her birthday on Friday 5 May"; not "birthday party on 5 May" nor "May birthdays".
    [GeneratedRegex($@"\bbirthday\b\s*(?:is|was|falls|will\s+be|:|-|–)?\s*(?:on\s+)?{Date}", RegexOptions.IgnoreCase)]
    private static partial Regex Birthday();

    // "Mrs Dawson's birthday", "Roald Dahl's birthday", "the King's birthday": a title or a full name before the birthday is
    // an adult's or a famous person's. A pupil's full name there is a finding of its own.
    private const string SentenceStart = "It|Its|Today|Tomorrow|Yesterday|On|And|But|So|Happy|Also|Now|This|Next|Last|Remember|When|Wish|Celebrate|Celebrating|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";

    [GeneratedRegex($@"(?:\b(?!(?:{SentenceStart})\b)\p{{Lu}}[\p{{L}}\p{{M}}.-]*\s+\p{{Lu}}[\p{{L}}\p{{M}}'’-]*?|\b(?:King|Queen|Prince|Princess))(?:['’]s|s['’])\s+$")]
    private static partial Regex AnAdultsBirthday();

    public static IEnumerable<(int Start, string Match)> In(string text, int thisYear)
    {
        foreach (Match m in Born().Matches(text).Concat(DateOfBirth().Matches(text)))
        {
            if (OfAChild(m.Groups["year"], thisYear))
            {
                yield return (m.Index, m.Value);
            }
        }
        foreach (Match m in Birthday().Matches(text))
        {
            if (OfAChild(m.Groups["year"], thisYear) && !AnAdultsBirthday().IsMatch(text.AsSpan(0, m.Index)))
            {
                yield return (m.Index, m.Value);
            }
        }
    }

    private static bool OfAChild(Group year, int thisYear)
    {
        if (!year.Success)
        {
            return true;
        }
        var value = int.Parse(year.ValueSpan, CultureInfo.InvariantCulture);
        if (year.Length == 2)
        {
            // "3.5.17": a two-digit year is this century unless that would put it in the future.
            value += value <= thisYear % 100 ? thisYear / 100 * 100 : (thisYear / 100 - 1) * 100;
        }
        return value > thisYear - ChildhoodYears;
    }
}
