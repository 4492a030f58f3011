using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SchoolSite.Contents.Services;

public static partial class Slugs
{
    /// <summary>"Sports Day 2026: Results!" → "sports-day-2026-results".</summary>
    public static string From(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            builder.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }
        var slug = Dashes().Replace(builder.ToString(), "-").Trim('-');
        return slug.Length > 80 ? slug[..80].TrimEnd('-') : slug;
    }

    /// <summary>A path an editor typed: lower-case segments of letters, digits and dashes.</summary>
    public static bool IsValidPath(string path) => ValidPath().IsMatch(path);

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)*$")]
    private static partial Regex ValidPath();
}
