using System.Text.RegularExpressions;

namespace SchoolSite.Media.Services;

/// <summary>
/// Library items placed inside sanitised HTML (a body, an HTML field): pictures shown with &lt;img&gt; and
/// documents linked with &lt;a href&gt;. Finding them for the publish gate, and leaving out, at render time,
/// the ones that may not be shown now.
/// </summary>
public static partial class EmbeddedMedia
{
    [GeneratedRegex("""<img\b[^>]*?\bsrc\s*=\s*"[^"]*?/media/([A-Za-z0-9]{6,64})/[a-z]+"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex Image();

    [GeneratedRegex("""<a\b[^>]*?\bhref\s*=\s*"[^"]*?/media/([A-Za-z0-9]{6,64})/[a-z]+"[^>]*>((?:(?!</a>).)*)</a>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex("""<figure\b[^>]*>((?:(?!</figure>).)*?)</figure>""", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Figure();

    [GeneratedRegex("""^(?:https?://[^/\s]+)?(?:/[^/\s]+)*/media/([A-Za-z0-9]{6,64})/[a-z]+$""")]
    private static partial Regex Address();

    /// <summary>The ids of library items the HTML shows or links to.</summary>
    public static IReadOnlyList<string> Ids(string? html)
        => string.IsNullOrEmpty(html) || !html.Contains("/media/", StringComparison.Ordinal)
            ? []
            : Image().Matches(html).Concat(Link().Matches(html)).Select(m => m.Groups[1].Value).Distinct().ToList();

    /// <summary>The library item an address (a link field's value) points to, if it is one.</summary>
    public static string? IdOf(string? url) => url is not null && Address().Match(url) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>
    /// The HTML without the items <paramref name="shown"/> refuses. A figure around a refused picture goes with it
    /// (its caption would describe a picture that isn't there); a link to a refused document keeps its words but
    /// no longer links; the rest of the layout stays.
    /// </summary>
    public static string Filter(string html, IReadOnlySet<string> shown)
    {
        if (!html.Contains("/media/", StringComparison.Ordinal))
        {
            return html;
        }
        var withoutFigures = Figure().Replace(html, m =>
            Image().Matches(m.Value).Any(i => !shown.Contains(i.Groups[1].Value)) ? string.Empty : m.Value);
        var withoutImages = Image().Replace(withoutFigures, m => shown.Contains(m.Groups[1].Value) ? m.Value : string.Empty);
        return Link().Replace(withoutImages, m => shown.Contains(m.Groups[1].Value) ? m.Value : m.Groups[2].Value);
    }
}
