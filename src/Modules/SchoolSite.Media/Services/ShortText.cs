namespace SchoolSite.Media.Services;

/// <summary>Stored text cut to a length for a message: what was stored may be any length, a message stays small.</summary>
public static class ShortText
{
    public static string? Of(string? text, int length)
    {
        if (text is null || text.Length <= length)
        {
            return text;
        }
        var cut = length - 1;
        // Never split a character that takes two UTF-16 units (an emoji in a caption).
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }
        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
