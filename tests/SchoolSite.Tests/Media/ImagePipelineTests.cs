using System.Text;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Xmp;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
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

    [Fact]
    public void A_progressive_jpeg_counts_double_against_the_pixel_limit()
    {
        // Reading a progressive JPEG holds all its data at once: 30 megapixels of it cost what 60 of a baseline one would.
        var progressive = _pipeline.Process(TestImages.DeclaringSize(6_000, 5_000, progressive: true), new MediaLimits());
        Assert.False(progressive.Accepted);
        Assert.Contains("6,000 × 5,000 pixels", progressive.Refusal);
        Assert.Contains("25 megapixels", progressive.Refusal);

        var baseline = _pipeline.Process(TestImages.DeclaringSize(6_000, 5_000), new MediaLimits());
        Assert.DoesNotContain("megapixels", baseline.Refusal ?? string.Empty);
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
    public void A_49_megapixel_png_is_accepted_and_stored_at_most_3200_pixels_on_its_longest_side()
    {
        // The security review's upload: a small PNG that decodes to 7000×7000 pixels (196 MB as one bitmap).
        var png = Picture(SKEncodedImageFormat.Png, 7000, 7000);
        Assert.True(png.Length < 1_000_000, $"{png.Length} bytes");

        var result = _pipeline.Process(png, new MediaLimits());

        Assert.True(result.Accepted, result.Refusal);
        Assert.Equal(["original", "large", "medium", "thumbnail"], result.Renditions.Select(r => r.Name));
        var original = result.Renditions[0];
        Assert.Equal((3200, 3200), (original.Width, original.Height));
        using var stored = SKBitmap.Decode(original.Bytes);
        Assert.Equal((3200, 3200), (stored.Width, stored.Height));
        Assert.True(stored.GetPixel(800, 1600).Red > 200, "the left half should be red");
        Assert.True(stored.GetPixel(2400, 1600).Blue > 200, "the right half should be blue");
        Assert.Equal(1600, result.Renditions[1].Width);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void A_large_picture_is_shrunk_while_decoding_to_what_decoding_it_whole_and_resizing_gives(SKEncodedImageFormat format)
    {
        var upload = Picture(format, 4800, 3000, detailed: true);

        var original = _pipeline.Process(upload, new MediaLimits()).Renditions[0];

        Assert.Equal((3200, 2000), (original.Width, original.Height));
        using var whole = SKBitmap.Decode(upload);
        using var expected = whole.Resize(new SKImageInfo(3200, 2000), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var stored = SKBitmap.Decode(original.Bytes);
        // Every band of rows is where it belongs: the average difference per channel stays within encoding noise.
        Assert.True(MeanDifference(expected, stored) < 4, $"mean difference {MeanDifference(expected, stored):0.00}");
    }

    [Fact]
    public void A_large_phone_photo_is_shrunk_stands_upright_and_loses_its_metadata()
    {
        var photo = TestImages.WithPhoneMetadata(TestImages.Jpeg(7000, 3500), orientation: 6);

        var result = _pipeline.Process(photo, new MediaLimits());

        Assert.True(result.Accepted, result.Refusal);
        var original = result.Renditions[0];
        Assert.Equal((1600, 3200), (original.Width, original.Height));
        Assert.DoesNotContain(ImageMetadataReader.ReadMetadata(new MemoryStream(original.Bytes)), d => d is GpsDirectory or ExifIfd0Directory or XmpDirectory);
        using var bitmap = SKBitmap.Decode(original.Bytes);
        Assert.True(bitmap.GetPixel(800, 640).Red > 200, "the top should be red");
        Assert.True(bitmap.GetPixel(800, 2560).Blue > 200, "the bottom should be blue");
    }

    [Fact]
    public void A_pdf_with_javascript_or_embedded_files_is_refused_and_a_plain_one_kept()
    {
        var plain = TestPdfs.Plain();
        Assert.True(_pipeline.Process(plain, new MediaLimits()).Accepted);
        var scripted = TestPdfs.Plain("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>");
        Assert.Contains("JavaScript", _pipeline.Process(scripted, new MediaLimits()).Refusal);
        var attached = TestPdfs.Plain("/Names << /EmbeddedFiles 5 0 R >>", "",
            "<< /Names [(register.xlsx) 6 0 R] >>", "<< /Type /Filespec /F (register.xlsx) /EF << /F 7 0 R >> >>", "<< /Type /EmbeddedFile /Length 5 >>\nstream\nhello\nendstream");
        Assert.Contains("embedded files", _pipeline.Process(attached, new MediaLimits()).Refusal);
    }

    [Fact]
    public void Javascript_spelled_with_hex_escapes_is_refused()
    {
        // /J#61vaScript and /J#53 are /JavaScript and /JS to every PDF reader, but not to a search for their bytes.
        var escaped = TestPdfs.Plain("/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>");
        Assert.DoesNotContain("/JavaScript", Encoding.Latin1.GetString(escaped));
        Assert.DoesNotContain("/JS", Encoding.Latin1.GetString(escaped));

        var result = _pipeline.Process(escaped, new MediaLimits());

        Assert.False(result.Accepted);
        Assert.Contains("JavaScript", result.Refusal);
    }

    [Fact]
    public void Javascript_hidden_in_a_compressed_object_stream_is_refused()
    {
        var hidden = TestPdfs.Compressed("/OpenAction 5 0 R", "<< /S /JavaScript /JS (app.alert\\(1\\)) >>");
        Assert.DoesNotContain("JavaScript", Encoding.Latin1.GetString(hidden));

        Assert.Contains("JavaScript", _pipeline.Process(hidden, new MediaLimits()).Refusal);
    }

    [Theory]
    [InlineData("form", "a form to fill in")]
    [InlineData("xfa", "a form to fill in")]
    [InlineData("launch", "opens other programs")]
    [InlineData("attachment", "embedded files")]
    [InlineData("named-script", "JavaScript")]
    [InlineData("page-script", "JavaScript")]
    [InlineData("link-script", "JavaScript")]
    public void Pdfs_that_can_run_code_carry_files_or_ask_for_input_are_refused_saying_what_to_do(string kind, string expected)
    {
        const string link = "<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] /A {0} >>";
        var pdf = kind switch
        {
            "form" => TestPdfs.Plain("/AcroForm << /Fields [5 0 R] >>", "/Annots [5 0 R]",
                "<< /Type /Annot /Subtype /Widget /FT /Tx /T (Pupil name) /Rect [0 0 200 20] /P 3 0 R >>"),
            "xfa" => TestPdfs.Plain("/AcroForm << /Fields [] /XFA 5 0 R >>", "", "<< /Length 6 >>\nstream\n<xdp/>\nendstream"),
            "launch" => TestPdfs.Plain("", "/Annots [5 0 R]", string.Format(link, "<< /S /Launch /F (cmd.exe) >>")),
            "attachment" => TestPdfs.Plain("", "/Annots [5 0 R]", "<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] /FS 6 0 R >>",
                "<< /Type /Filespec /F (homework.docx) /EF << /F 7 0 R >> >>", "<< /Type /EmbeddedFile /Length 5 >>\nstream\nhello\nendstream"),
            "named-script" => TestPdfs.Plain("/Names << /JavaScript 5 0 R >>", "", "<< /Names [(init) << /S /JavaScript /JS 6 0 R >>] >>",
                "<< /Length 11 >>\nstream\napp.alert()\nendstream"),
            "page-script" => TestPdfs.Plain("", "/AA << /O << /S /JavaScript /JS (this.print\\(\\)) >> >>"),
            _ => TestPdfs.Plain("", "/Annots [5 0 R]", string.Format(link, "<< /S /URI /URI (https://example.org) /Next << /S /JavaScript /JS (x) >> >>")),
        };

        var result = _pipeline.Process(pdf, new MediaLimits());

        Assert.False(result.Accepted);
        Assert.Contains(expected, result.Refusal);
        Assert.Contains("print it to PDF again", result.Refusal, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Protected_or_damaged_pdfs_are_refused_saying_what_to_do()
    {
        var document = new PdfDocument();
        document.AddPage();
        document.SecuritySettings.UserPassword = "office";
        document.SecuritySettings.OwnerPassword = "head";
        using var protectedPdf = new MemoryStream();
        document.Save(protectedPdf);

        var refusal = _pipeline.Process(protectedPdf.ToArray(), new MediaLimits()).Refusal;
        Assert.Contains("password", refusal);
        Assert.Contains("print it to PDF again", refusal, StringComparison.OrdinalIgnoreCase);

        var damaged = _pipeline.Process(TestPdfs.Plain()[..300], new MediaLimits()).Refusal;
        Assert.Contains("damaged", damaged);
        Assert.Contains("print it to PDF again", damaged, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_pdfs_author_title_and_xmp_are_removed_and_its_page_kept()
    {
        var pdf = TestPdfs.Plain("/Metadata 5 0 R", "",
            "<< /Type /Metadata /Subtype /XML /Length 84 >>\nstream\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><dc:creator>Sarah Jones</dc:creator></x:xmpmeta>\nendstream");
        var result = _pipeline.Process(pdf, new MediaLimits());

        Assert.True(result.Accepted, result.Refusal);
        var kept = result.Renditions.Single().Bytes;
        var text = Encoding.Latin1.GetString(kept);
        Assert.DoesNotContain("Sarah", text);
        Assert.DoesNotContain("416D656C6961", text);
        Assert.DoesNotContain("Word", text);
        Assert.EndsWith("%%EOF", text.TrimEnd());
        using var reopened = PdfReader.Open(new MemoryStream(kept), PdfDocumentOpenMode.Import);
        Assert.Equal(1, reopened.PageCount);
    }

    [Fact]
    public void A_pdf_loses_its_document_information_and_compressed_xmp_but_keeps_its_pages()
    {
        var document = new PdfDocument();
        document.Info.Author = "Mrs Sarah Jones";
        document.Info.Title = "Amelia Watson, Year 4 report";
        document.Info.Subject = "Reports";
        document.AddPage();
        var page = document.AddPage();
        // A page's own XMP, Flate-compressed as word processors write it: its text is not in the file's bytes.
        var xmp = new PdfDictionary(document);
        xmp.Elements.SetName("/Type", "/Metadata");
        xmp.Elements.SetName("/Subtype", "/XML");
        xmp.CreateStream(Encoding.UTF8.GetBytes("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><dc:creator>Amelia Watson's mum</dc:creator></x:xmpmeta>"));
        xmp.Stream.Zip();
        document.Internals.AddObject(xmp);
        page.Elements.SetReference("/Metadata", xmp);
        using var made = new MemoryStream();
        document.Save(made);
        Assert.Contains("Sarah Jones", Encoding.Latin1.GetString(made.ToArray()));
        Assert.DoesNotContain("mum", Encoding.Latin1.GetString(made.ToArray()));

        var result = _pipeline.Process(made.ToArray(), new MediaLimits());

        Assert.True(result.Accepted, result.Refusal);
        var kept = result.Renditions.Single().Bytes;
        using var cleaned = PdfReader.Open(new MemoryStream(kept), PdfDocumentOpenMode.Import);
        Assert.Equal(2, cleaned.PageCount);
        Assert.Equal("", cleaned.Info.Author);
        Assert.Equal("", cleaned.Info.Title);
        Assert.Equal("", cleaned.Info.Subject);
        Assert.False(cleaned.Pages[1].Elements.ContainsKey("/Metadata"));
        foreach (var stream in cleaned.Internals.GetAllObjects().OfType<PdfDictionary>().Where(d => d.Stream is not null))
        {
            var decoded = Encoding.Latin1.GetString(stream.Stream.UnfilteredValue);
            Assert.DoesNotContain("Sarah", decoded);
            Assert.DoesNotContain("Amelia", decoded);
        }
    }

    /// <summary>A width×height picture, left half red and right half blue; detailed adds gradients and shapes.</summary>
    private static byte[] Picture(SKEncodedImageFormat format, int width, int height, bool detailed = false)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Blue);
            using var paint = new SKPaint { Color = SKColors.Red };
            canvas.DrawRect(0, 0, width / 2f, height, paint);
            if (detailed)
            {
                paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                    [SKColors.Yellow.WithAlpha(160), SKColors.Transparent, SKColors.Green.WithAlpha(160)], SKShaderTileMode.Clamp);
                canvas.DrawRect(0, 0, width, height, paint);
                paint.Shader = null;
                paint.IsAntialias = true;
                var random = new Random(7);
                for (var i = 0; i < 60; i++)
                {
                    paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                    canvas.DrawCircle(random.Next(width), random.Next(height), random.Next(30, 300), paint);
                }
            }
        }
        using var encoded = bitmap.Encode(format, 90);
        return encoded.ToArray();
    }

    private static double MeanDifference(SKBitmap expected, SKBitmap actual)
    {
        long total = 0;
        for (var y = 0; y < expected.Height; y += 7)
        {
            for (var x = 0; x < expected.Width; x += 7)
            {
                var (e, a) = (expected.GetPixel(x, y), actual.GetPixel(x, y));
                total += Math.Abs(e.Red - a.Red) + Math.Abs(e.Green - a.Green) + Math.Abs(e.Blue - a.Blue);
            }
        }
        return total / (3.0 * ((expected.Height + 6) / 7) * ((expected.Width + 6) / 7));
    }
}
