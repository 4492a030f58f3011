using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SchoolSite.Core.Hosting;

/// <summary>
/// Reads an API upload's multipart/form-data body, the way <see cref="JsonBody"/> reads JSON: a body with no boundary, a
/// boundary its parts do not use, or cut short is refused with a problem that says so (the framework throws, which would
/// be a 500), and each text field is held to its limit and to <see cref="TextLimits.CharacterProblem"/>, by name.
/// </summary>
public static class FormBody
{
    /// <summary>The longest boundary RFC 2046 allows; the framework refuses longer ones while reading.</summary>
    public const int MaxBoundaryLength = 70;

    /// <summary>A text field the upload may carry: its form name, the words for it, and its limit.</summary>
    public sealed record Field(string Name, string Label, int Max);

    public static async Task<(IFormCollection? Form, IResult? Error)> ReadAsync(HttpContext http, string fileField, params Field[] fields)
    {
        var request = http.Request;
        if (!request.HasFormContentType || !MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: $"Send the file as multipart/form-data, in a field named \"{fileField}\".",
                detail: request.ContentType is { Length: > 0 } given ? $"The request's Content-Type is {given}." : "The request has no Content-Type."));
        }
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary))
        {
            return (null, Unreadable("The upload's Content-Type names no boundary, so its parts cannot be told apart.",
                "Let the HTTP library write the multipart/form-data header: it adds the boundary it uses."));
        }
        if (boundary.Length > MaxBoundaryLength)
        {
            return (null, Unreadable(string.Create(CultureInfo.InvariantCulture,
                $"The upload's boundary is {boundary.Length} characters long; at most {MaxBoundaryLength} are allowed."), null));
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Results.Problem(statusCode: ex.StatusCode, title: "The upload could not be read.", detail: ex.Message));
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !http.RequestAborted.IsCancellationRequested)
        {
            return (null, Unreadable("The upload is not a complete multipart/form-data body: it was cut short, or its parts are not "
                + "separated by the boundary its Content-Type names.", ex.Message));
        }
        var errors = new Dictionary<string, string[]>();
        foreach (var field in fields)
        {
            foreach (var value in form[field.Name])
            {
                if (TextLimits.Problem(field.Label, value, field.Max) is { } problem)
                {
                    errors.TryAdd(field.Name, [problem]);
                }
            }
        }
        return errors.Count > 0 ? (null, Results.ValidationProblem(errors, title: "Some text cannot be stored as it is.")) : (form, null);
    }

    private static IResult Unreadable(string title, string? detail)
        => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: title, detail: detail ?? "Send the file again.");
}
