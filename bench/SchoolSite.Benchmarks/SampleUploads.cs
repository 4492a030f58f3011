using SkiaSharp;

namespace SchoolSite.Benchmarks;

/// <summary>
/// The uploads the benchmark processes, drawn here so nothing is downloaded: a 7000×7000 picture (49 megapixels,
/// just under the school's 50-megapixel limit) with gradients and shapes, saved as a JPEG, as phones and cameras
/// do, and as a PNG, the kind of file the security review used (a small file that decodes to a large bitmap).
/// </summary>
public static class SampleUploads
{
    public const int Side = 7000;

    public static byte[] Make(string kind, int width = Side, int height = Side)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var sky = new SKPaint
            {
                Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                    [SKColors.SkyBlue, SKColors.White, SKColors.ForestGreen], SKShaderTileMode.Clamp),
            };
            canvas.DrawRect(0, 0, width, height, sky);
            var random = new Random(12);
            using var shape = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 400; i++)
            {
                shape.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), 200);
                canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(20, Math.Max(21, width / 12)), shape);
            }
        }
        using var encoded = bitmap.Encode(kind == "png" ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, 90);
        return encoded.ToArray();
    }
}
