using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SchoolSite.Media.Services;

namespace SchoolSite.Site.Services;

/// <summary>
/// The markup of a picture the publication policy has already allowed: its size (so the page does not jump while it
/// loads) and a srcset of its renditions (so a phone does not fetch the large one). It decides nothing about whether
/// a picture is shown; it only describes the files of pictures that are.
/// </summary>
public static partial class PictureMarkup
{
    /// <summary>A stored size of a picture and its pixel size.</summary>
    public sealed record Rendition(string Name, int Width, int Height);

    /// <summary>What the body text's pictures take of the window: the whole column, at most the theme's page width.</summary>
    public const string BodySizes = "(min-width: 72rem) 68rem, calc(100vw - 2rem)";

    [GeneratedRegex("""<img\b[^>]*?\bsrc\s*=\s*"([^"]*?/media/([A-Za-z0-9]{6,64})/([a-z]+))"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex Image();

    [GeneratedRegex("""\s(width|height|srcset|sizes)\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex SizeAttribute();

    /// <summary>
    /// The renditions the picture has, with their sizes: the upload pipeline stores each size fitted within its longest
    /// side, never larger than the picture itself (<see cref="ImagePipeline.Sizes"/>), so the sizes follow from the original's.
    /// </summary>
    public static IReadOnlyList<Rendition> Renditions(MediaEntry picture)
    {
        var renditions = new List<Rendition>();
        if (picture.Renditions.Contains("original"))
        {
            renditions.Add(new Rendition("original", picture.Width, picture.Height));
        }
        foreach (var (name, maxSide) in ImagePipeline.Sizes)
        {
            if (picture.Renditions.Contains(name) && picture.Width > 0 && picture.Height > 0)
            {
                var scale = Math.Min(1.0, (double)maxSide / Math.Max(picture.Width, picture.Height));
                renditions.Add(new Rendition(name, Math.Max(1, (int)Math.Round(picture.Width * scale)), Math.Max(1, (int)Math.Round(picture.Height * scale))));
            }
        }
        return renditions;
    }

    /// <summary>The rendition called <paramref name="name"/>, else the original.</summary>
    public static Rendition? Find(MediaEntry picture, string name)
    {
        var all = Renditions(picture);
        return all.FirstOrDefault(r => r.Name == name) ?? all.FirstOrDefault(r => r.Name == "original");
    }

    /// <summary>"…/thumbnail 320w, …/medium 800w, …/large 1600w": the sized renditions, one per width (a small picture's sizes coincide).</summary>
    public static string Srcset(MediaEntry picture, string basePath)
        => string.Join(", ", Renditions(picture).Where(r => r.Name != "original")
            .GroupBy(r => r.Width).Select(g => g.First()).OrderBy(r => r.Width)
            .Select(r => $"{basePath}/media/{picture.Id}/{r.Name} {r.Width.ToString(CultureInfo.InvariantCulture)}w"));

    /// <summary>The ids of the library pictures the HTML shows.</summary>
    public static IReadOnlyList<string> IdsIn(string html)
        => html.Contains("/media/", StringComparison.Ordinal) ? Image().Matches(html).Select(m => m.Groups[2].Value).Distinct().ToList() : [];

    /// <summary>
    /// The body's pictures with their width, height, srcset and sizes, where the author gave none. Only pictures of
    /// <paramref name="pictures"/> (those the policy left in the body) are touched.
    /// </summary>
    public static string Sized(string html, IReadOnlyDictionary<string, MediaEntry> pictures, string basePath)
    {
        if (pictures.Count == 0)
        {
            return html;
        }
        return Image().Replace(html, match =>
        {
            if (!pictures.TryGetValue(match.Groups[2].Value, out var picture) || !picture.IsPicture)
            {
                return match.Value;
            }
            var present = SizeAttribute().Matches(match.Value).Select(m => m.Groups[1].Value.ToLowerInvariant()).ToHashSet();
            var added = new StringBuilder();
            if (!present.Contains("width") && !present.Contains("height") && Find(picture, match.Groups[3].Value.ToLowerInvariant()) is { } shown)
            {
                added.Append(CultureInfo.InvariantCulture, $" width=\"{shown.Width}\" height=\"{shown.Height}\"");
            }
            if (!present.Contains("srcset") && Srcset(picture, basePath) is { Length: > 0 } srcset)
            {
                added.Append(CultureInfo.InvariantCulture, $" srcset=\"{srcset}\"");
                if (!present.Contains("sizes"))
                {
                    added.Append(CultureInfo.InvariantCulture, $" sizes=\"{BodySizes}\"");
                }
            }
            if (added.Length == 0)
            {
                return match.Value;
            }
            var end = match.Value.EndsWith("/>", StringComparison.Ordinal) ? match.Value.Length - 2 : match.Value.Length - 1;
            return match.Value[..end].TrimEnd() + added + match.Value[end..];
        });
    }
}
