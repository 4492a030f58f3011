using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SchoolSite.Core.Hosting;

/// <summary>
/// Reads an API request's JSON body. A body that is not JSON, or not an object, or too large, or with text
/// longer than its field allows (<see cref="TextLimits"/>), is answered with a problem+json that says where
/// it went wrong, instead of a bare framework error.
/// </summary>
public static class JsonBody
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext http, JsonSerializerOptions? options = null) where T : class
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
            var value = await JsonSerializer.DeserializeAsync<T>(body, options ?? Web, http.RequestAborted);
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
