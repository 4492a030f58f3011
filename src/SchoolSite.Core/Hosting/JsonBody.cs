using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SchoolSite.Core.Hosting;

/// <summary>
/// Reads an API request's JSON body: the one way every API input is read, so every endpoint refuses the same things the same
/// way, with a problem+json that names the field (the JSON path). Refused: a body that is not JSON, not an object or too large;
/// text that cannot be stored or shown (<see cref="JsonText"/>); a value of the wrong JSON type; a choice given other than by
/// its name (<see cref="EnumNames"/>); null where the input does not allow it; a field given twice; and text or lists longer
/// than their field allows (<see cref="TextLimits"/>).
/// </summary>
public static class JsonBody
{
    /// <summary>How API bodies are read: camelCase or any case, choices only by name, nothing given twice, nulls only where the input allows them.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
        Converters = { new EnumNames.JsonConverter() },
    };

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext http) where T : class
    {
        // Only JSON: a plain HTML form (text/plain, form fields) could otherwise be made to send a body that parses as JSON.
        if (!http.Request.HasJsonContentType())
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Send the body as JSON, with the header Content-Type: application/json."));
        }
        if (http.Request.ContentLength > TextLimits.JsonBodyBytes)
        {
            return (null, TooLarge());
        }
        try
        {
            // A body sent without its length (chunked) is counted as it is read.
            await using var body = new CappedStream(http.Request.Body, TextLimits.JsonBodyBytes);
            using var buffer = new MemoryStream();
            await body.CopyToAsync(buffer, http.RequestAborted);
            var json = new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
            var unreadable = JsonText.Check(json.Span);
            if (unreadable.Count > 0)
            {
                return (null, Results.ValidationProblem(unreadable, title: "Some text cannot be stored as it is."));
            }
            var value = JsonSerializer.Deserialize<T>(json.Span, Options);
            if (value is null)
            {
                return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body must be a JSON object."));
            }
            var tooLong = value is JsonNode node ? TextLimits.Check(node) : TextLimits.Check(value, TextLimits.JsonKey);
            return tooLong.Count > 0 ? (null, Results.ValidationProblem(tooLong, title: "Some text is longer than this field allows.")) : (value, null);
        }
        catch (CappedStream.TooLongException)
        {
            return (null, TooLarge());
        }
        catch (JsonException ex) when (ex.Path is { Length: > 1 } path && JsonTypes.Expected(typeof(T), path) is { } expected)
        {
            var field = path[2..];
            var message = $"{field} should be {expected}.";
            return (null, Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] },
                title: "A value is not of the right type.", detail: message));
        }
        catch (JsonException ex) when (ex.Path == "$")
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body must be a JSON object.",
                detail: "Send the fields in curly brackets, e.g. {\"name\": \"value\"}."));
        }
        catch (JsonException ex)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request body is not valid JSON.",
                detail: $"{ex.Message.Split(" Path:")[0]} (at {ex.Path ?? "$"}, line {ex.LineNumber + 1})"));
        }
    }

    private static IResult TooLarge()
        => Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge,
            title: $"The request body is larger than the {TextLimits.JsonBodyBytes / (1024 * 1024)} MB this API reads. Send less text at once.");

    /// <summary>Reads through to the request body, and stops with <see cref="TooLongException"/> past <c>max</c> bytes.</summary>
    private sealed class CappedStream(Stream inner, long max) : Stream
    {
        private long _read;

        public sealed class TooLongException : Exception;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => Count(await inner.ReadAsync(buffer, cancellationToken));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        // The request body belongs to the server: reading through this must not close it.
        protected override void Dispose(bool disposing) { }

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private int Count(int read)
        {
            _read += read;
            return _read > max ? throw new TooLongException() : read;
        }
    }
}
