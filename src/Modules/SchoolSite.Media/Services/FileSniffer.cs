namespace SchoolSite.Media.Services;

/// <summary>Decides what a file is from its first bytes, never from its name.</summary>
public static class FileSniffer
{
    public static MediaKind? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return MediaKind.Jpeg;
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return MediaKind.Png;
        }
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return MediaKind.WebP;
        }
        if (bytes.StartsWith("%PDF-"u8))
        {
            return MediaKind.Pdf;
        }
        return null;
    }

    /// <summary>A plain-language name for what a refused file looks like, so the message helps.</summary>
    public static string Describe(ReadOnlySpan<byte> bytes)
    {
        var start = System.Text.Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 512)]).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (start.StartsWith("<svg", StringComparison.OrdinalIgnoreCase) || (start.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) && start.Contains("<svg", StringComparison.OrdinalIgnoreCase)))
        {
            return "an SVG image (SVG files can carry scripts, so they are not accepted)";
        }
        if (bytes.StartsWith("MZ"u8) || bytes.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46]))
        {
            return "a program";
        }
        if (bytes.StartsWith("PK"u8))
        {
            return "a zip archive or an Office document";
        }
        return "not a file type this site accepts";
    }
}
