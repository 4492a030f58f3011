using System.Text;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Xmp;
using SchoolSite.Media.Services;
using SkiaSharp;

namespace SchoolSite.Tests.Media;

/// <summary>No location or other metadata survives an upload; files that are not what they claim are refused.</summary>
public sealed class ImagePipelineTests
{
    private readonly ImagePipeline _pipeline = new();

    [Fact]
    public void A_phone_photo_loses_gps_exif_and_xmp_in_every_stored_rendition_and_stands_upright()
    {
        var photo = TestImages.WithPhoneMetadata(TestImages.Jpeg(2400, 1200), orientation: 6);
        var before = ImageMetadataReader.ReadMetadata(new MemoryStream(photo));
        Assert.NotNull(before.OfType<GpsDirectory>().Single().GetGeoLocation());
        Assert.Contains(before, d => d is XmpDirectory);

        var result = _pipeline.Process(photo, new MediaLimits());

        Assert.True(result.Accepted, result.Refusal);
        Assert.Equal(["original", "large", "medium", "thumbnail"], result.Renditions.Select(r => r.Name));
        foreach (var rendition in result.Renditions)
        {
            var after = ImageMetadataReader.ReadMetadata(new MemoryStream(rendition.Bytes));
            Assert.DoesNotContain(after, d => d is GpsDirectory or ExifIfd0Directory or ExifSubIfdDirectory or XmpDirectory or ExifThumbnailDirectory);
            Assert.DoesNotContain("PhoneCa", System.Text.Encoding.ASCII.GetString(rendition.Bytes));
            // Orientation 6 means "turn 90° clockwise": the stored picture is portrait, red on top.
            Assert.True(rendition.Height > rendition.Width, $"{rendition.Name} is {rendition.Width}×{rendition.Height}");
            using var bitmap = SKBitmap.Decode(rendition.Bytes);
            Assert.Equal((bitmap.Width, bitmap.Height), (rendition.Width, rendition.Height));
            Assert.True(bitmap.GetPixel(bitmap.Width / 2, bitmap.Height / 5).Red > 200, $"{rendition.Name}: the top should be red");
            Assert.True(bitmap.GetPixel(bitmap.Width / 2, bitmap.Height * 4 / 5).Blue > 200, $"{rendition.Name}: the bottom should be blue");
        }
        Assert.Equal((1200, 2400), (result.Renditions[0].Width, result.Renditions[0].Height));
        Assert.Equal(1600, result.Renditions[1].Height);
        Assert.Equal(320, result.Renditions[3].Height);
    }

    [Fact]
    public void A_header_declaring_60_megapixels_is_refused_before_decoding()
    {
        var bomb = TestImages.DeclaringSize(10_000, 6_000);
        Assert.True(bomb.Length < 2_000);
        var result = _pipeline.Process(bomb, new MediaLimits());
        Assert.False(result.Accepted);
        Assert.Contains("10,000 × 6,000 pixels", result.Refusal);
        Assert.Contains("50 megapixels", result.Refusal);
    }

    [Theory]
    [InlineData("svg", "SVG")]
    [InlineData("exe", "a program")]
    [InlineData("truncated", "damaged or incomplete")]
    [InlineData("text", "not a file type this site accepts")]
    public void Files_that_are_not_safe_images_are_refused_with_a_clear_message(string kind, string expected)
    {
        byte[] bytes = kind switch
        {
            "svg" => "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(),
            "exe" => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF],
            "truncated" => TestImages.Jpeg(800, 600)[..2000],
            _ => "Dear parents, this is a letter."u8.ToArray(),
        };
        var result = _pipeline.Process(bytes, new MediaLimits());
        Assert.False(result.Accepted);
        Assert.Contains(expected, result.Refusal);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_and_the_limit_is_named()
    {
        var result = _pipeline.Process(TestImages.Jpeg(400, 400), new MediaLimits(MaxBytes: 1024));
        Assert.False(result.Accepted);
        Assert.Contains("the largest this school accepts is 0 MB", result.Refusal!.Replace("0.0", "0"));
    }

    [Fact]
    public void A_pdf_with_javascript_or_embedded_files_is_refused_and_a_plain_one_kept()
    {
        var plain = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF"u8.ToArray();
        Assert.True(_pipeline.Process(plain, new MediaLimits()).Accepted);
        var scripted = "%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF"u8.ToArray();
        Assert.Contains("JavaScript", _pipeline.Process(scripted, new MediaLimits()).Refusal);
        var attached = "%PDF-1.4\n1 0 obj << /Type /Catalog /Names << /EmbeddedFiles 2 0 R >> >> endobj\n%%EOF"u8.ToArray();
        Assert.Contains("embedded files", _pipeline.Process(attached, new MediaLimits()).Refusal);
    }

    [Fact]
    public void A_pdfs_author_title_and_xmp_are_blanked_without_moving_anything()
    {
        var pdf = Encoding.Latin1.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog /Metadata 3 0 R >> endobj\n" +
            "2 0 obj << /Author (Mrs Sarah Jones \\(Year 4\\)) /Title <416D656C696120576174736F6E> /Creator (Word) >> endobj\n" +
            "3 0 obj << /Type /Metadata /Subtype /XML >> stream\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><dc:creator>Sarah Jones</dc:creator></x:xmpmeta>\nendstream endobj\n" +
            "trailer << /Root 1 0 R /Info 2 0 R >>\n%%EOF");
        var result = _pipeline.Process(pdf, new MediaLimits());

        var kept = result.Renditions.Single().Bytes;
        var text = Encoding.Latin1.GetString(kept);
        Assert.Equal(pdf.Length, kept.Length);
        Assert.DoesNotContain("Sarah", text);
        Assert.DoesNotContain("416D656C6961", text);
        Assert.DoesNotContain("Word", text);
        Assert.Equal(text.IndexOf("3 0 obj", StringComparison.Ordinal), Encoding.Latin1.GetString(pdf).IndexOf("3 0 obj", StringComparison.Ordinal));
        Assert.EndsWith("%%EOF", text);
    }
}
