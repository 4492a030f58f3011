using System.Collections.Frozen;
using System.Net;
using System.Text.RegularExpressions;

namespace SchoolSite.Consent.Services;

/// <summary>
/// Text as a reader sees it: tags removed, entities decoded, every kind of space one plain space. The privacy
/// check reads everything through this, so a caption, an alt text, a title and a body are read the same way.
/// </summary>
public static partial class ReaderText
{
    // Inline elements sit inside a line: "<strong>Ava</strong> Nowak" reads "Ava Nowak", "<b>A</b>va" reads "Ava".
    // Any other element (p, li, td, br, unknown ones) ends a run of text, so it becomes a space.
    private static readonly FrozenSet<string> Inline = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins", "kbd", "label",
        "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr");

    [GeneratedRegex(@"<!--.*?(?:-->|\z)|<(script|style|template|head)\b[^>]*>.*?(?:</\1\s*>|\z)", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Unseen();

    [GeneratedRegex(@"</?(?<name>[a-zA-Z][a-zA-Z0-9-]*)(?<attributes>(?:[^>""']|""[^""]*""|'[^']*')*)>|<![^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\balt\s*=\s*(?:""(?<alt>[^""]*)""|'(?<alt>[^']*)'|(?<alt>[^\s>]+))", RegexOptions.IgnoreCase)]
    private static partial Regex Alt();

    // Browsers accept these entities without their semicolon ("Ruby&nbspGreen"); WebUtility does not.
    [GeneratedRegex(@"&(nbsp|amp|quot|lt|gt)(?![;A-Za-z0-9])")]
    private static partial Regex BareEntity();

    // Soft hyphens and zero-width characters are invisible: "Am&shy;elia" reads "Amelia".
    [GeneratedRegex(@"[\u00AD\u200B\u200C\u200D\u2060\uFEFF]")]
    private static partial Regex Invisible();

    // .NET's \s covers every Unicode space separator (no-break, thin, narrow…) and every line break.
    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    /// <summary>What a reader sees of this HTML or plain text, on one line with single spaces.</summary>
    public static string Of(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var plain = text;
        if (plain.Contains('<'))
        {
            plain = Tag().Replace(Unseen().Replace(plain, " "), Untag);
        }
        if (plain.Contains('&'))
        {
            // Decoded after the tags are gone: "&lt;b&gt;" is text the reader sees, not a tag.
            plain = WebUtility.HtmlDecode(BareEntity().Replace(plain, "&$1;"));
        }
        plain = Invisible().Replace(plain, string.Empty).Replace('\u2010', '-').Replace('\u2011', '-');
        return Space().Replace(plain, " ").Trim();
    }

    private static string Untag(Match tag)
    {
        var name = tag.Groups["name"].Value;
        if (name.Equals("img", StringComparison.OrdinalIgnoreCase) || name.Equals("area", StringComparison.OrdinalIgnoreCase))
        {
            // A picture's alt text is published with the page and read aloud to screen-reader users.
            return Alt().Match(tag.Groups["attributes"].Value) is { Success: true } alt ? $" {alt.Groups["alt"].Value} " : " ";
        }
        return name.Length > 0 && Inline.Contains(name) ? string.Empty : " ";
    }
}
