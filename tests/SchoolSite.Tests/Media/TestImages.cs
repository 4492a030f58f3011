using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace SchoolSite.Tests.Media;

/// <summary>
/// Pictures as phones make them: a JPEG with an EXIF block (camera make, orientation, GPS position)
/// and an XMP packet, written byte by byte here so the tests need nothing downloaded.
/// </summary>
public static class TestImages
{
    /// <summary>A width×height JPEG whose left half is red and right half blue.</summary>
    public static byte[] Jpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            canvas.DrawRect(0, 0, width / 2f, height, new SKPaint { Color = SKColors.Red });
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>The JPEG with EXIF (Make, Orientation, GPS) and XMP segments inserted after its start marker.</summary>
    public static byte[] WithPhoneMetadata(byte[] jpeg, ushort orientation)
    {
        var exif = Segment(0xE1, [.. "Exif\0\0"u8.ToArray(), .. Tiff(orientation)]);
        var xmp = Segment(0xE1, [.. Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0"), .. Encoding.UTF8.GetBytes(
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
            "<rdf:Description xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:creator>Photographer</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>")]);
        return [.. jpeg[..2], .. exif, .. xmp, .. jpeg[2..]];
    }

    /// <summary>A tiny JPEG (a few hundred bytes of pixels) whose header declares width×height: an image bomb.</summary>
    public static byte[] DeclaringSize(int width, int height, bool progressive = false)
    {
        var jpeg = Jpeg(16, 16);
        for (var i = 2; i < jpeg.Length - 9; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), (ushort)width);
                jpeg[i + 1] = progressive ? (byte)0xC2 : jpeg[i + 1];
                return jpeg;
            }
        }
        throw new InvalidOperationException("No frame header found.");
    }

    private static byte[] Segment(byte marker, byte[] payload)
    {
        var segment = new byte[payload.Length + 4];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(payload.Length + 2));
        payload.CopyTo(segment, 4);
        return segment;
    }

    /// <summary>A little-endian TIFF block: IFD0 with Make, Orientation and a GPS pointer; a GPS IFD with latitude and longitude.</summary>
    private static byte[] Tiff(ushort orientation)
    {
        var t = new byte[200];
        "II"u8.CopyTo(t);
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(4), 8);
        // IFD0 at 8: 3 entries.
        var p = 8;
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(p), 3); p += 2;
        Entry(t, ref p, 0x010F, 2, 8, 62);            // Make, ASCII, 8 chars at 62
        Entry(t, ref p, 0x0112, 3, 1, orientation);   // Orientation, SHORT
        Entry(t, ref p, 0x8825, 4, 1, 70);            // GPS IFD at 70
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(p), 0); p += 4;
        "PhoneCa\0"u8.CopyTo(t.AsSpan(62));
        // GPS IFD at 70: 4 entries.
        p = 70;
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(p), 4); p += 2;
        Entry(t, ref p, 0x0001, 2, 2, 'N');            // GPSLatitudeRef "N"
        Entry(t, ref p, 0x0002, 5, 3, 130);            // GPSLatitude at 130
        Entry(t, ref p, 0x0003, 2, 2, 'W');            // GPSLongitudeRef "W"
        Entry(t, ref p, 0x0004, 5, 3, 154);            // GPSLongitude at 154
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(p), 0);
        Rationals(t, 130, (51, 1), (30, 1), (1234, 100));
        Rationals(t, 154, (0, 1), (7, 1), (3900, 100));
        return t[..178];
    }

    private static void Entry(byte[] t, ref int p, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(p), tag);
        BinaryPrimitives.WriteUInt16LittleEndian(t.AsSpan(p + 2), type);
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(p + 4), count);
        BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(p + 8), value);
        p += 12;
    }

    private static void Rationals(byte[] t, int at, params (uint N, uint D)[] values)
    {
        foreach (var (n, d) in values)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(at), n);
            BinaryPrimitives.WriteUInt32LittleEndian(t.AsSpan(at + 4), d);
            at += 8;
        }
    }
}
