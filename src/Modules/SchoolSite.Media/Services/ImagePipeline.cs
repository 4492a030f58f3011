using SkiaSharp;

namespace SchoolSite.Media.Services;

/// <summary>
/// Every image is decoded and encoded again before anything is stored, so no metadata survives: no
/// EXIF, GPS, XMP, IPTC, maker notes or embedded thumbnails (Skia's encoders write none). The
/// orientation tag is applied first, because the re-encoded file no longer carries it. Size and pixel
/// limits are checked on the header before any pixels are decoded (a 400-byte file can declare
/// 20000×20000 pixels), and a large picture is shrunk while it is decoded, so it never exists at full
/// size in memory. The original bytes are never kept. PDFs are checked and cleaned by <see cref="PdfCleaner"/>.
/// </summary>
public sealed class ImagePipeline
{
    /// <summary>
    /// The longest side of the stored "original". A school website never shows a picture larger than a full-width
    /// banner on a high-density screen (1600 CSS pixels at 2×); a 50-megapixel photo kept whole would cost 200 MB
    /// to decode on every upload and storage nobody sees.
    /// </summary>
    public const int OriginalMaxSide = 3200;

    public static readonly IReadOnlyList<(string Name, int MaxSide)> Sizes = [("large", 1600), ("medium", 800), ("thumbnail", 320)];

    public MediaUploadResult Process(byte[] bytes, MediaLimits limits)
    {
        if (bytes.LongLength > limits.MaxBytes)
        {
            return MediaUploadResult.Refuse($"The file is {Megabytes(bytes.LongLength)}; the largest this school accepts is {Megabytes(limits.MaxBytes)}.");
        }
        var kind = FileSniffer.Sniff(bytes);
        if (kind is null)
        {
            return MediaUploadResult.Refuse($"This file is {FileSniffer.Describe(bytes)}. Upload a JPEG, PNG or WebP image, or a PDF document.");
        }
        return kind == MediaKind.Pdf ? PdfCleaner.Clean(bytes) : ProcessImage(bytes, kind.Value, limits);
    }

    private static MediaUploadResult ProcessImage(byte[] bytes, MediaKind kind, MediaLimits limits)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return MediaUploadResult.Refuse("The image is damaged or incomplete and cannot be read.");
        }
        var info = codec.Info;
        // A progressive JPEG keeps all its coefficients in memory while it is read, about twice what a baseline one costs:
        // it counts double, so no upload raises memory by much more than the pixel limit's worth.
        var maxPixels = kind == MediaKind.Jpeg && IsProgressiveJpeg(bytes) ? limits.MaxPixels / 2 : limits.MaxPixels;
        if ((long)info.Width * info.Height > maxPixels)
        {
            return MediaUploadResult.Refuse(
                $"The image is {info.Width:N0} × {info.Height:N0} pixels; the largest this school accepts is {maxPixels / 1_000_000.0:0.#} megapixels. Make it smaller and upload it again.");
        }
        using var decoded = Decode(codec, Fit(info.Width, info.Height, OriginalMaxSide));
        if (decoded is null)
        {
            return MediaUploadResult.Refuse("The image is damaged or incomplete and cannot be read. Try exporting it again.");
        }
        // Immutable, so Skia draws and encodes from these pixels instead of copying them first.
        decoded.SetImmutable();
        using var turned = codec.EncodedOrigin == SKEncodedOrigin.TopLeft ? null : Orient(decoded, codec.EncodedOrigin);
        var upright = turned ?? decoded;
        upright.SetImmutable();
        var renditions = new List<MediaRendition> { Encode("original", upright, kind) };
        // Each size is averaged down from the one before: close to averaging the original each time, for a fraction of the work.
        SKBitmap? previous = null;
        try
        {
            foreach (var (name, maxSide) in Sizes)
            {
                var resized = AreaAverage.Shrink(previous ?? upright, Fit(upright.Width, upright.Height, maxSide));
                previous?.Dispose();
                previous = resized;
                renditions.Add(Encode(name, resized, kind));
            }
        }
        finally
        {
            previous?.Dispose();
        }
        return new MediaUploadResult(kind, renditions, null);
    }

    /// <summary>The pixels at <paramref name="size"/>: decoded whole when that is the image's own size, shrunk while decoding otherwise.</summary>
    private static SKBitmap? Decode(SKCodec codec, SKSizeI size)
    {
        if (size != codec.Info.Size)
        {
            return SampledDecoder.Decode(codec, size);
        }
        var bitmap = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (codec.GetPixels(bitmap.Info, bitmap.GetPixels()) != SKCodecResult.Success)
        {
            bitmap.Dispose();
            return null;
        }
        return bitmap;
    }

    /// <summary>The size that fits within <paramref name="maxSide"/> on the longest side, keeping the proportions; never larger.</summary>
    private static SKSizeI Fit(int width, int height, int maxSide)
    {
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(width, height));
        return new SKSizeI(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    /// <summary>Turns the pixels the way the camera's orientation tag says, so the picture stands upright without it.</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var result = new SKBitmap(new SKImageInfo(swap ? source.Height : source.Width, swap ? source.Width : source.Height, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(result);
        float w = source.Width, h = source.Height;
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(matrix);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return result;
    }

    private static MediaRendition Encode(string name, SKBitmap bitmap, MediaKind kind)
    {
        var (format, quality, contentType) = kind switch
        {
            MediaKind.Png => (SKEncodedImageFormat.Png, 100, "image/png"),
            MediaKind.WebP => (SKEncodedImageFormat.Webp, 85, "image/webp"),
            _ => (SKEncodedImageFormat.Jpeg, 85, "image/jpeg"),
        };
        using var encoded = bitmap.Encode(format, quality);
        return new MediaRendition(name, bitmap.Width, bitmap.Height, contentType, encoded.ToArray());
    }

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";

    /// <summary>Whether a JPEG's frame header (read up to the first scan) says progressive (SOF2, SOF6, SOF10, SOF14).</summary>
    public static bool IsProgressiveJpeg(ReadOnlySpan<byte> jpeg)
    {
        var at = 2;
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF)
        {
            var marker = jpeg[at + 1];
            if (marker is 0xC2 or 0xC6 or 0xCA or 0xCE)
            {
                return true;
            }
            if (marker is 0xDA or 0xD9)
            {
                return false;
            }
            if (marker is 0xFF)
            {
                at++;
                continue;
            }
            at += 2 + ((jpeg[at + 2] << 8) | jpeg[at + 3]);
        }
        return false;
    }
}
