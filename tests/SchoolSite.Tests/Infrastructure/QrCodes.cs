using System.Globalization;
using System.Text.RegularExpressions;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace SchoolSite.Tests.Infrastructure;

/// <summary>Reads a QR code the app drew as SVG (a path of unit squares) the way a phone would: as pixels, through ZXing's reader.</summary>
public static partial class QrCodes
{
    private const int Scale = 6;

    public static string Decode(string svg)
    {
        var size = int.Parse(ViewBox().Match(svg).Groups[1].Value, CultureInfo.InvariantCulture);
        var pixels = Enumerable.Repeat((byte)255, size * Scale * size * Scale).ToArray();
        foreach (Match square in Square().Matches(svg))
        {
            var (x, y) = (int.Parse(square.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(square.Groups[2].Value, CultureInfo.InvariantCulture));
            for (var dy = 0; dy < Scale; dy++)
            {
                for (var dx = 0; dx < Scale; dx++)
                {
                    pixels[(y * Scale + dy) * size * Scale + x * Scale + dx] = 0;
                }
            }
        }
        var source = new RGBLuminanceSource(pixels, size * Scale, size * Scale, RGBLuminanceSource.BitmapFormat.Gray8);
        var result = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)));
        return result?.Text ?? throw new InvalidOperationException("The QR code did not read.");
    }

    [GeneratedRegex("viewBox=\"0 0 (\\d+) \\d+\"")]
    private static partial Regex ViewBox();

    [GeneratedRegex("M(\\d+) (\\d+)h1v1h-1z")]
    private static partial Regex Square();
}
