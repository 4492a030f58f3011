using System.Net.Http.Headers;
using System.Text;

namespace SchoolSite.Tests.Host;

/// <summary>Broken file uploads: multipart bodies with no boundary, a wrong or oversized one, cut short; fields with bad text; CSV files with bad cells.</summary>
public static class MalformedUploads
{
    private const string Boundary = "sweep-boundary-7d1f";

    /// <summary>A multipart/form-data body with these text fields and one file, as bytes, so that it can be broken.</summary>
    public static byte[] MultipartBody(IReadOnlyList<(string Name, string Value)> fields, string fileField, byte[] file, string boundary = Boundary, string fileName = "picture.jpg")
    {
        using var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        foreach (var (name, value) in fields)
        {
            Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n");
        }
        Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"{fileField}\"; filename=\"{fileName}\"\r\nContent-Type: image/jpeg\r\n\r\n");
        body.Write(file);
        Write($"\r\n--{boundary}--\r\n");
        return body.ToArray();
    }

    public static HttpContent Content(byte[] body, string? contentType = null)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType ?? $"multipart/form-data; boundary={Boundary}");
        return content;
    }

    public static IEnumerable<Malformed> Multipart(IReadOnlyList<(string Name, string Value)> fields, string fileField, byte[] file)
    {
        var whole = MultipartBody(fields, fileField, file);
        yield return new("multipart with no boundary", Make: () => Content(whole, "multipart/form-data"));
        yield return new("multipart with an empty boundary", Make: () => Content(whole, "multipart/form-data; boundary="));
        yield return new("multipart with a different boundary", Make: () => Content(whole, "multipart/form-data; boundary=not-the-one-used"));
        yield return new("multipart with a boundary over 70 characters",
            Make: () => Content(MultipartBody(fields, fileField, file, new string('b', 100)), $"multipart/form-data; boundary={new string('b', 100)}"));
        yield return new("multipart cut short in the file", Make: () => Content(whole[..(whole.Length / 2)]));
        yield return new("multipart cut short in the headers", Make: () => Content(whole[..40]));
        yield return new("multipart without its closing boundary", Make: () => Content(whole[..^(Boundary.Length + 6)]));
        yield return new("multipart with an empty body", Make: () => Content([]));
        yield return new("multipart with a JSON body", Make: () => Content(Encoding.UTF8.GetBytes("{\"file\":\"x\"}")));
        yield return new("multipart with a header line of 20,000 characters",
            Make: () => Content(MultipartBody(fields, fileField, file, fileName: new string('n', 20_000) + ".jpg")));
        yield return new("multipart with no file", Make: () => Content(MultipartBody(fields, "notTheFile", file)));
        yield return new("multipart with an empty file", Make: () => Content(MultipartBody(fields, fileField, [])));
        yield return new("a file sent as JSON", Make: () => new StringContent("{}", Encoding.UTF8, "application/json"));
        for (var i = 0; i < fields.Count; i++)
        {
            foreach (var bad in MalformedRequests.BadTexts.Where(t => !t.StartsWith("@@", StringComparison.Ordinal)).Append(new string('x', 5_000)))
            {
                var changed = fields.Select((f, j) => j == i ? (f.Name, bad) : f).ToList();
                yield return new($"{fields[i].Name} ← {Label(bad)}", Make: () => Content(MultipartBody(changed, fileField, file)), Field: fields[i].Name);
            }
        }
    }

    /// <summary>CSV files: a header and one row, with each cell of the row in turn made bad.</summary>
    public static IEnumerable<Malformed> Csv(string[] header, Func<string[]> row, IReadOnlySet<string> choices)
    {
        static HttpContent Send(string text)
        {
            var content = new StringContent(text, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            return content;
        }
        string File(int column, string value)
        {
            var cells = row();
            cells[column] = value.Contains(',') || value.Contains('"') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
            return string.Join(',', header) + "\r\n" + string.Join(',', cells) + "\r\n";
        }
        for (var i = 0; i < header.Length; i++)
        {
            var column = i;
            foreach (var bad in MalformedRequests.BadTexts.Where(t => !t.StartsWith("@@", StringComparison.Ordinal)).Append(new string('x', 5_000)))
            {
                yield return new($"{header[i]} ← {Label(bad)}", Make: () => Send(File(column, "Ada" + bad)), Field: header[i]);
            }
            if (choices.Contains(header[i]))
            {
                foreach (var wrong in new[] { "5", "-1", "Pupil,Staff", "Nobody" })
                {
                    yield return new($"{header[i]} ← \"{wrong}\" (not a choice)", Make: () => Send(File(column, wrong)), Field: header[i]);
                }
            }
        }
        yield return new("a CSV file of random bytes", Make: () => new ByteArrayContent(Enumerable.Range(0, 4_000).Select(i => (byte)(i * 7919 % 251)).ToArray()));
        yield return new("a CSV file sent as JSON", Make: () => new StringContent("{\"rows\":[]}", Encoding.UTF8, "application/json"));
        yield return new("a CSV file sent as multipart", Make: () => Content(MultipartBody([], "file", Encoding.UTF8.GetBytes(string.Join(',', header)))));
    }

    private static string Label(string text)
        => text.Length > 100 ? $"{text.Length:N0} characters"
            : string.Concat(text.Select(c => c < ' ' || c is >= '\u2000' and <= '\u206F' ? $"\\u{(int)c:X4}" : c.ToString()));
}
