using SkiaSharp;

namespace SchoolSite.Media.Services;

/// <summary>
/// Every image is decoded and encoded again before anything is stored, so no metadata survives: no
/// EXIF, GPS, XMP, IPTC, maker notes or embedded thumbnails (Skia's encoders write none). The
/// orientation tag is applied first, because the re-encoded file no longer carries it. Size and pixel
/// limits are checked on the header before any pixels are decoded (a 400-byte file can declare
/// 20000×20000 pixels). The original bytes are never kept. PDFs are checked and cleaned by <see cref="PdfCleaner"/>.
/// </summary>
public sealed class ImagePipeline
{
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
        if ((long)info.Width * info.Height > limits.MaxPixels)
        {
            return MediaUploadResult.Refuse(
                $"The image is {info.Width:N0} × {info.Height:N0} pixels; the largest this school accepts is {limits.MaxPixels / 1_000_000.0:0.#} megapixels. Make it smaller and upload it again.");
        }
        using var decoded = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(decoded.Info, decoded.GetPixels());
        if (result != SKCodecResult.Success)
        {
            return MediaUploadResult.Refuse("The image is damaged or incomplete and cannot be read. Try exporting it again.");
        }
        using var upright = Orient(decoded, codec.EncodedOrigin);
        var renditions = new List<MediaRendition> { Encode("original", upright, kind) };
        foreach (var (name, maxSide) in Sizes)
        {
            var scale = Math.Min(1.0, (double)maxSide / Math.Max(upright.Width, upright.Height));
            var width = Math.Max(1, (int)Math.Round(upright.Width * scale));
            var height = Math.Max(1, (int)Math.Round(upright.Height * scale));
            using var resized = upright.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul),
                new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            renditions.Add(Encode(name, resized, kind));
        }
        return new MediaUploadResult(kind, renditions, null);
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
        using var image = SKImage.FromBitmap(bitmap);
        var (format, quality, contentType) = kind switch
        {
            MediaKind.Png => (SKEncodedImageFormat.Png, 100, "image/png"),
            MediaKind.WebP => (SKEncodedImageFormat.Webp, 85, "image/webp"),
            _ => (SKEncodedImageFormat.Jpeg, 85, "image/jpeg"),
        };
        using var encoded = image.Encode(format, quality);
        return new MediaRendition(name, bitmap.Width, bitmap.Height, contentType, encoded.ToArray());
    }

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.#} MB";
}
