namespace SchoolSite.Media.Services;

public enum MediaKind
{
    Jpeg,
    Png,
    WebP,
    Pdf,
}

/// <summary>The school's limits for one upload (settings; defaults from the school's guidance).</summary>
public sealed record MediaLimits(long MaxBytes = 20 * 1024 * 1024, long MaxPixels = 50_000_000);

/// <summary>A stored rendition of an upload: "original" (re-encoded, at most 3200 pixels on its longest side), "large", "medium", "thumbnail".</summary>
public sealed record MediaRendition(string Name, int Width, int Height, string ContentType, byte[] Bytes);

/// <summary>What the pipeline made of an upload, or why it refused it (a message the uploader can act on).</summary>
public sealed record MediaUploadResult(MediaKind? Kind, IReadOnlyList<MediaRendition> Renditions, string? Refusal)
{
    public bool Accepted => Refusal is null;

    public static MediaUploadResult Refuse(string message) => new(null, [], message);
}
