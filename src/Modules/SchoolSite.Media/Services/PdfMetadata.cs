using System.Text;
using System.Text.RegularExpressions;

namespace SchoolSite.Media.Services;

/// <summary>
/// Blanks a PDF's document information (author, creator, title…) and uncompressed XMP metadata in
/// place: each value is overwritten with spaces of the same length, so every byte offset in the file
/// stays valid and the document still opens. Metadata inside compressed streams is out of reach.
/// </summary>
public static partial class PdfMetadata
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    [GeneratedRegex(@"/(?:Author|Creator|Producer|Title|Subject|Keywords)\s*(?=[(<])")]
    private static partial Regex InfoKey();

    [GeneratedRegex(@"<x:xmpmeta\b.*?</x:xmpmeta>", RegexOptions.Singleline)]
    private static partial Regex Xmp();

    public static byte[] Scrub(byte[] pdf)
    {
        var text = Latin1.GetString(pdf);
        var chars = text.ToCharArray();
        foreach (Match key in InfoKey().Matches(text))
        {
            var start = key.Index + key.Length;
            if (chars[start] == '(')
            {
                BlankLiteral(chars, start);
            }
            else if (start + 1 < chars.Length && chars[start + 1] != '<')
            {
                BlankHex(chars, start);
            }
        }
        foreach (Match xmp in Xmp().Matches(text))
        {
            var open = text.IndexOf('>', xmp.Index) + 1;
            var close = xmp.Index + xmp.Length - "</x:xmpmeta>".Length;
            for (var i = open; i < close; i++)
            {
                if (chars[i] is not ('\n' or '\r'))
                {
                    chars[i] = ' ';
                }
            }
        }
        return Latin1.GetBytes(chars);
    }

    /// <summary>(value with \) escapes and (nested) parentheses) → ( spaces ).</summary>
    private static void BlankLiteral(char[] chars, int open)
    {
        var depth = 0;
        for (var i = open; i < chars.Length; i++)
        {
            var c = chars[i];
            if (c == '\\' && i + 1 < chars.Length)
            {
                chars[i] = ' ';
                chars[++i] = ' ';
                continue;
            }
            if (c == '(' && depth++ == 0)
            {
                continue;
            }
            if (c == ')' && --depth == 0)
            {
                return;
            }
            chars[i] = ' ';
        }
    }

    /// <summary>&lt;hex&gt; → &lt;2020…&gt; (spaces).</summary>
    private static void BlankHex(char[] chars, int open)
    {
        var digit = 0;
        for (var i = open + 1; i < chars.Length && chars[i] != '>'; i++)
        {
            if (Uri.IsHexDigit(chars[i]))
            {
                chars[i] = digit++ % 2 == 0 ? '2' : '0';
            }
        }
    }
}
