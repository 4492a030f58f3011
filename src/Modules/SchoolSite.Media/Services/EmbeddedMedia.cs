using System.Text.RegularExpressions;

namespace SchoolSite.Media.Services;

/// <summary>
/// Pictures from the library placed inside sanitised HTML (an HtmlBody): finding them for the publish
/// gate, and leaving out, at render time, the ones that may not be shown now.
/// </summary>
public static partial class EmbeddedMedia
{
    [GeneratedRegex("""<img\b[^>]*?\bsrc\s*=\s*"[^"]*?/media/([A-Za-z0-9]{6,64})/[a-z]+"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex Image();

    [GeneratedRegex("""<figure\b[^>]*>((?:(?!</figure>).)*?)</figure>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Figure();

    /// <summary>The ids of library pictures the HTML shows.</summary>
    public static IReadOnlyList<string> Ids(string? html)
        => string.IsNullOrEmpty(html) ? [] : Image().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();

    /// <summary>
    /// The HTML without the pictures <paramref name="shown"/> refuses. A figure around a refused picture
    /// goes with it (its caption would describe a picture that isn't there); the rest of the layout stays.
    /// </summary>
    public static string Filter(string html, IReadOnlySet<string> shown)
    {
        if (!html.Contains("/media/", StringComparison.Ordinal))
        {
            return html;
        }
        var withoutFigures = Figure().Replace(html, m =>
            Image().Matches(m.Value).Any(i => !shown.Contains(i.Groups[1].Value)) ? string.Empty : m.Value);
        return Image().Replace(withoutFigures, m => shown.Contains(m.Groups[1].Value) ? m.Value : string.Empty);
    }
}
