using System.Runtime.InteropServices;
using SkiaSharp;

namespace SchoolSite.Media.Services;

/// <summary>
/// Decodes a large image straight to a smaller size without ever holding it whole: a 49-megapixel upload would be
/// a 196 MB bitmap. The codec shrinks what it can itself (JPEG decodes at 1/2, 1/4, 1/8 of its size, WebP at any
/// size); the rest arrives a band of rows at a time and is averaged down (<see cref="AreaAverage"/>). SkiaSharp
/// has no sample-size decoding for PNG, so a PNG is decoded band by band; Skia restarts the decoder for each band,
/// which costs time (a few times one decode) but never more than a band of memory.
/// </summary>
internal static class SampledDecoder
{
    /// <summary>Rows read at a time from a codec that reads in one pass (JPEG): enough to keep the calls few.</summary>
    private const int ScanlineBytes = 2 * 1024 * 1024;

    /// <summary>
    /// Rows decoded at a time from a codec that starts again for each band (PNG): larger bands mean fewer restarts
    /// (a 7000×7000 PNG takes 6 bands, about 3.5 decodes' work), at the cost of this much memory.
    /// </summary>
    private const int BandBytes = 32 * 1024 * 1024;

    /// <summary>The image at <paramref name="size"/> (smaller than the codec's), or null if it is damaged or incomplete.</summary>
    public static SKBitmap? Decode(SKCodec codec, SKSizeI size)
    {
        var full = codec.Info;
        var scaled = codec.GetScaledDimensions(Math.Max((float)size.Width / full.Width, (float)size.Height / full.Height));
        if (scaled.Width < size.Width || scaled.Height < size.Height)
        {
            scaled = full.Size;
        }
        var info = new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var target = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var decoded = scaled == size ? codec.GetPixels(target.Info, target.GetPixels()) == SKCodecResult.Success : Shrink(codec, info, target);
        if (!decoded)
        {
            target.Dispose();
            return null;
        }
        return target;
    }

    private static bool Shrink(SKCodec codec, SKImageInfo info, SKBitmap target)
    {
        var average = new AreaAverage(info.Width, info.Height, target);
        var decoded = ByScanlines(codec, info, average) ?? ByBands(codec, info, average) ?? Whole(codec, info, average);
        if (decoded)
        {
            average.Finish();
        }
        return decoded;
    }

    /// <summary>JPEG: one pass, rows read in order. Null when the codec cannot.</summary>
    private static bool? ByScanlines(SKCodec codec, SKImageInfo info, AreaAverage average)
    {
        if (codec.StartScanlineDecode(info) != SKCodecResult.Success || codec.ScanlineOrder != SKCodecScanlineOrder.TopDown)
        {
            return null;
        }
        var (band, bandRows) = Band(info, ScanlineBytes);
        for (var top = 0; top < info.Height; top += bandRows)
        {
            var count = Math.Min(bandRows, info.Height - top);
            if (codec.GetScanlines(Marshal.UnsafeAddrOfPinnedArrayElement(band, 0), count, info.RowBytes) != count)
            {
                return false;
            }
            average.Add(band, count, info.RowBytes);
        }
        return true;
    }

    /// <summary>PNG: each band decoded as a subset of the rows. Null when the codec cannot.</summary>
    private static bool? ByBands(SKCodec codec, SKImageInfo info, AreaAverage average)
    {
        var (band, bandRows) = Band(info, BandBytes);
        for (var top = 0; top < info.Height; top += bandRows)
        {
            var count = Math.Min(bandRows, info.Height - top);
            var started = codec.StartIncrementalDecode(info, Marshal.UnsafeAddrOfPinnedArrayElement(band, 0), info.RowBytes, new SKCodecOptions(new SKRectI(0, top, info.Width, top + count)));
            if (started != SKCodecResult.Success)
            {
                // A codec that cannot decode bands says so at once; failing later means the file is damaged.
                return top == 0 ? null : false;
            }
            if (codec.IncrementalDecode() != SKCodecResult.Success)
            {
                return false;
            }
            average.Add(band, count, info.RowBytes);
        }
        return true;
    }

    /// <summary>Any other codec: decoded at the size it can scale to (bounded by the pixel limit), then averaged down.</summary>
    private static bool Whole(SKCodec codec, SKImageInfo info, AreaAverage average)
    {
        using var whole = new SKBitmap(info);
        if (codec.GetPixels(info, whole.GetPixels()) != SKCodecResult.Success)
        {
            return false;
        }
        average.Add(whole.GetPixelSpan(), info.Height, whole.RowBytes);
        return true;
    }

    /// <summary>A buffer for whole rows, about <paramref name="bytes"/> long (at least one row); pinned, so Skia can write into it while the collector runs.</summary>
    private static (byte[] Buffer, int Rows) Band(SKImageInfo info, int bytes)
    {
        var rows = Math.Clamp(bytes / info.RowBytes, 1, info.Height);
        return (GC.AllocateUninitializedArray<byte>(info.RowBytes * rows, pinned: true), rows);
    }
}
