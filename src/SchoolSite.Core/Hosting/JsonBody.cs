using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace SchoolSite.Core.Hosting;

/// <summary>
/// Reads an API request's JSON body. A body that is not JSON, or not an object, is answered with a
/// problem+json 400 that says where it went wrong, instead of a bare framework error.
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
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(http.Request.Body, options ?? Web, http.RequestAborted);
            return value is null
                ? (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body must be a JSON object."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request body is not valid JSON.",
                detail: $"{ex.Message.Split(" Path:")[0]} (at {ex.Path ?? "$"}, line {ex.LineNumber + 1})"));
        }
    }
}
