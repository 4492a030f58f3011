using System.IO.Compression;
using System.Text;

namespace SchoolSite.Tests.Media;

/// <summary>
/// One-page PDFs written byte by byte, so a test can say exactly what is in the file (a name spelled with a hex
/// escape, an action hidden in a compressed object stream) where a PDF library would tidy it up. Objects 1–4 are
/// the catalog, the page tree, the page and the document information; extra objects are numbered from 5.
/// </summary>
public static class TestPdfs
{
    public const string Info = "<< /Author (Mrs Sarah Jones \\(Year 4\\)) /Title <416D656C696120576174736F6E> /Creator (Word) >>";

    /// <summary>A PDF with a classic cross-reference table.</summary>
    public static byte[] Plain(string catalog = "", string page = "", params string[] extra)
    {
        var file = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        foreach (var (number, body) in Objects(catalog, page, extra))
        {
            offsets.Add(file.Length);
            file.Append($"{number} 0 obj\n{body}\nendobj\n");
        }
        var xref = file.Length;
        file.Append($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            file.Append($"{offset:D10} 00000 n \n");
        }
        file.Append($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(file.ToString());
    }

    /// <summary>
    /// A PDF 1.5 file whose extra objects sit in a Flate-compressed object stream, listed by a cross-reference
    /// stream: a byte search of the file sees none of their names.
    /// </summary>
    public static byte[] Compressed(string catalog = "", params string[] extra)
    {
        var objects = Objects(catalog, "", extra).ToList();
        var plain = objects.Take(4).ToList();
        var packed = objects.Skip(4).ToList();
        var streamNumber = objects.Count + 1;
        var xrefNumber = streamNumber + 1;

        var header = new StringBuilder();
        var bodies = new StringBuilder();
        foreach (var (number, body) in packed)
        {
            header.Append($"{number} {bodies.Length} ");
            bodies.Append(body).Append('\n');
        }
        var content = Deflate(Encoding.Latin1.GetBytes(header.ToString() + bodies));

        var file = new StringBuilder("%PDF-1.5\n");
        var offsets = new Dictionary<int, int>();
        foreach (var (number, body) in plain)
        {
            offsets[number] = file.Length;
            file.Append($"{number} 0 obj\n{body}\nendobj\n");
        }
        offsets[streamNumber] = file.Length;
        file.Append($"{streamNumber} 0 obj\n<< /Type /ObjStm /N {packed.Count} /First {header.Length} /Filter /FlateDecode /Length {content.Length} >>\nstream\n")
            .Append(Encoding.Latin1.GetString(content)).Append("\nendstream\nendobj\n");
        offsets[xrefNumber] = file.Length;

        // Entries of 1 + 4 + 2 bytes: type 1 (offset, generation) or type 2 (object stream, index in it).
        var entries = new List<byte>();
        void Entry(byte type, int field2, int field3) => entries.AddRange([type, (byte)(field2 >> 24), (byte)(field2 >> 16), (byte)(field2 >> 8), (byte)field2, (byte)(field3 >> 8), (byte)field3]);
        Entry(0, 0, 0xFFFF);
        for (var number = 1; number <= xrefNumber; number++)
        {
            var index = packed.FindIndex(p => p.Number == number);
            if (index >= 0)
            {
                Entry(2, streamNumber, index);
            }
            else
            {
                Entry(1, offsets[number], 0);
            }
        }
        file.Append($"{xrefNumber} 0 obj\n<< /Type /XRef /Size {xrefNumber + 1} /W [1 4 2] /Root 1 0 R /Info 4 0 R /Length {entries.Count} >>\nstream\n")
            .Append(Encoding.Latin1.GetString(entries.ToArray())).Append("\nendstream\nendobj\n")
            .Append($"startxref\n{offsets[xrefNumber]}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(file.ToString());
    }

    private static IEnumerable<(int Number, string Body)> Objects(string catalog, string page, string[] extra)
    {
        yield return (1, $"<< /Type /Catalog /Pages 2 0 R {catalog} >>");
        yield return (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        yield return (3, $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {page} >>");
        yield return (4, Info);
        for (var i = 0; i < extra.Length; i++)
        {
            yield return (5 + i, extra[i]);
        }
    }

    private static byte[] Deflate(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal))
        {
            zlib.Write(bytes);
        }
        return output.ToArray();
    }
}
