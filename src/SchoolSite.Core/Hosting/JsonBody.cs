using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

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
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = TextLimits.JsonBodyBytes;
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, options ?? Web, http.RequestAborted);
            if (value is null)
            {
                return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body must be a JSON object."));
            }
            var tooLong = value is JsonNode node ? TextLimits.Check(node) : TextLimits.Check(value, TextLimits.JsonKey);
            return tooLong.Count > 0 ? (null, Results.ValidationProblem(tooLong, title: "Some text is longer than this field allows.")) : (value, null);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
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
}
