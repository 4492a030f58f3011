using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;

namespace SchoolSite.Consent.Endpoints;

/// <summary>
/// Importing the people register from an MIS export: POST the CSV file as the body to /api/people/import,
/// with ?preview=true to see what would change, ?full=true when the file is the whole roll.
/// </summary>
public static class PeopleImportApi
{
    /// <summary>The largest file accepted. A whole secondary school's roll is well under 1 MB.</summary>
    public const int MaxBytes = 10 * 1024 * 1024;

    // Browsers on Windows send a .csv file as application/vnd.ms-excel.
    private static readonly string[] CsvTypes = ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream"];

    public static void Map(IEndpointRouteBuilder endpoints)
        => endpoints.MapPost("/api/people/import", ImportAsync)
            .WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Manifest.ConsentFeature), new RequestSizeLimitAttribute(MaxBytes + 1024 * 1024))
            .RequireAuthorization(new AuthorizeAttribute(PermissionRequirement.Policy(Permissions.ManagePeople)) { AuthenticationSchemes = ApiAuthentication.Schemes });

    private static async Task<IResult> ImportAsync(HttpContext http, PeopleImport import)
    {
        var errors = new Dictionary<string, string[]>();
        var preview = Flag(http.Request, "preview", errors);
        var full = Flag(http.Request, "full", errors);
        var columns = Columns(http.Request, errors);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        if (http.Request.ContentType is { } contentType
            && !(MediaTypeHeaderValue.TryParse(contentType, out var type) && CsvTypes.Contains(type.MediaType.Value, StringComparer.OrdinalIgnoreCase)))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send the CSV file itself as the request body, with Content-Type text/csv.",
                detail: $"The request's Content-Type is {contentType}.");
        }
        var file = await ReadAsync(http.Request, http.RequestAborted);
        if (file is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: $"The file is larger than {MaxBytes / 1024 / 1024} MB, the most an import takes.",
                detail: "An export of a whole school's roll is far smaller: check that it is a CSV file with only the columns the register needs.");
        }

        var result = await import.RunAsync(file.Value, new PeopleImportOptions { Preview = preview, Full = full, Columns = columns }, Actor.Of(http.User).Name,
            cancellationToken: http.RequestAborted);

        if (!result.Succeeded)
        {
            var count = result.Errors.Count;
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest,
                title: $"Nothing was imported: the file has {count} {(count == 1 ? "error" : "errors")}.",
                detail: "Correct the lines below and send the whole file again; the register is as it was.",
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = result.Errors.Select(e => new { line = e.Line, column = e.Column, message = e.ToString() }).ToList(),
                });
        }
        return Results.Json(new
        {
            added = result.Added,
            changed = result.Changed,
            unchanged = result.Unchanged,
            markedLeft = result.MarkedLeft,
            preview = result.Preview,
            rows = result.Rows.Select(row => new
            {
                line = row.Line,
                id = row.PersonId,
                externalId = row.ExternalId,
                kind = row.Kind.ToString(),
                legalFirstName = row.LegalFirstName,
                legalLastName = row.LegalLastName,
                preferredFirstName = row.PreferredFirstName,
                yearGroup = row.YearGroup,
                className = row.ClassName,
                outcome = row.Outcome.ToString().ToLowerInvariant(),
                changes = row.Changes,
            }),
        });
    }

    private static bool Flag(HttpRequest request, string name, Dictionary<string, string[]> errors)
    {
        var value = request.Query[name].ToString();
        if (value.Length == 0)
        {
            return false;
        }
        if (!bool.TryParse(value, out var flag))
        {
            errors[name] = [$"Give {name}=true or {name}=false."];
        }
        return flag;
    }

    /// <summary>The school's own column names, as map=Header:Field (repeated), such as map=Pupil Ref:ExternalId.</summary>
    private static Dictionary<string, string>? Columns(HttpRequest request, Dictionary<string, string[]> errors)
    {
        var given = request.Query["map"];
        if (given.Count == 0)
        {
            return null;
        }
        var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in given.OfType<string>())
        {
            var colon = pair.LastIndexOf(':');
            if (colon <= 0 || colon == pair.Length - 1)
            {
                errors["map"] = [$"'{pair}' is not a column and a field: give map=Column header:Field, such as map=Pupil Ref:ExternalId."];
                continue;
            }
            columns[pair[..colon].Trim()] = pair[(colon + 1)..].Trim();
        }
        return columns;
    }

    /// <summary>The body, or null when it is over the limit (read no further than that, whatever Content-Length says).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes)
        {
            return null;
        }
        var buffer = new MemoryStream(); // not disposed: the memory returned is its buffer
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
