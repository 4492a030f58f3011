using System.Net;
using System.Text.RegularExpressions;

namespace SchoolSite.Site.Services;

/// <summary>
/// The words search engines and link previews show for a page (<c>&lt;meta name="description"&gt;</c>): the item's
/// summary, else the first sentence of its text, as plain text of at most 160 characters.
/// </summary>
public static partial class PageDescription
{
    public const int MaxLength = 160;

    [GeneratedRegex("<(figure|table|script|style)\\b.*?</\\1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Asides();

    [GeneratedRegex("<p\\b[^>]*>(.*?)</p>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Paragraph();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex("\\s+")]
    private static partial Regex Space();

    [GeneratedRegex("^(.{20,}?[.!?])(?=\\s|$)", RegexOptions.Singleline)]
    private static partial Regex FirstSentence();

    /// <summary>
    /// The description from a summary (used whole, if short enough), else from the body's HTML: the first sentence of its
    /// first paragraph with words in it (headings and captions say too little), else of all its text.
    /// </summary>
    public static string? Of(string? summary, string? html)
    {
        if (Plain(summary) is { Length: > 0 } given)
        {
            return Shorten(given);
        }
        var body = Asides().Replace(html ?? string.Empty, " ");
        var text = Paragraph().Matches(body).Select(p => Plain(p.Groups[1].Value)).FirstOrDefault(p => p.Length > 0) ?? Plain(body);
        if (text.Length == 0)
        {
            return null;
        }
        return Shorten(FirstSentence().Match(text) is { Success: true } sentence ? sentence.Groups[1].Value : text);
    }

    /// <summary>Text without markup: tags become spaces (so words either side stay apart), entities are decoded, runs of space are one.</summary>
    private static string Plain(string? html)
        => string.IsNullOrWhiteSpace(html) ? string.Empty : Space().Replace(WebUtility.HtmlDecode(Tag().Replace(html, " ")), " ").Trim();

    /// <summary>At most <see cref="MaxLength"/> characters, cut at a word with "…".</summary>
    private static string Shorten(string text)
    {
        if (text.Length <= MaxLength)
        {
            return text;
        }
        var cut = text[..(MaxLength - 1)];
        var space = cut.LastIndexOf(' ');
        return (space > MaxLength / 2 ? cut[..space] : cut).TrimEnd(',', ';', ':', '-', ' ') + "…";
    }
}
