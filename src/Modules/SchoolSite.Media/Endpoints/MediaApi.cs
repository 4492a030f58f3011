using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Models;
using SchoolSite.Media.Services;

namespace SchoolSite.Media.Endpoints;

/// <summary>Uploading and describing media (API), and serving media files through the application.</summary>
public static class MediaApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/media")
            .WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Manifest.MediaFeature))
            .RequireAuthorization(new AuthorizeAttribute(PermissionRequirement.Policy(Permissions.UploadMedia)) { AuthenticationSchemes = ApiAuthentication.Schemes });
        api.MapPost("/", UploadAsync).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MediaLibrary.Limits.MaxBytes + 1024 * 1024));
        api.MapGet("/", MediaListApi.ListAsync);
        api.MapGet("/{id}", GetAsync);
        api.MapPut("/{id}", DescribeAsync);

        // The second person: confirms or turns down a change that would show the item more widely.
        var confirm = endpoints.MapGroup("/api/media/{id}")
            .WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Manifest.MediaFeature))
            .RequireAuthorization(new AuthorizeAttribute(PermissionRequirement.Policy(Permissions.ConfirmPictures)) { AuthenticationSchemes = ApiAuthentication.Schemes });
        confirm.MapPost("/confirm", (string id, HttpContext http, MediaLibrary library) => DecideAsync(id, http, library, confirm: true));
        confirm.MapPost("/reject", (string id, HttpContext http, MediaLibrary library) => DecideAsync(id, http, library, confirm: false));
    }

    private static async Task<IResult> UploadAsync(HttpContext http, MediaLibrary library)
    {
        var (form, error) = await FormBody.ReadAsync(http, "file", new("altText", "Alt text", TextLimits.Note), new("caption", "Caption", TextLimits.Note),
            new("folder", "Folder", TextLimits.Line));
        if (form is null)
        {
            return error!;
        }
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = ["Choose a file to upload."] });
        }
        if (file.Length > MediaLibrary.Limits.MaxBytes)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["file"] = [$"The file is {file.Length / 1024.0 / 1024.0:0.#} MB; the largest this school accepts is {MediaLibrary.Limits.MaxBytes / 1024 / 1024} MB."],
            });
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, http.RequestAborted);
        var (item, refusal) = await library.UploadAsync(buffer.ToArray(), form["altText"], form["caption"], form["folder"],
            Actor.Of(http.User).Name, http.RequestAborted);
        if (item is null)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [refusal!] }, title: "The file was not accepted.");
        }
        return Results.Created($"{http.Request.PathBase}/api/media/{item.Id}", ToJson(item, http));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, MediaLibrary library, MediaPictures pictures)
    {
        if (await library.FindAsync(id) is not { } item)
        {
            return NotFound(id);
        }
        var json = ToJson(item, http);
        var statuses = new JsonObject();
        var purposes = http.RequestServices.GetService<IPictureClearance>() is { } clearance ? await clearance.PurposesAsync() : ["website"];
        foreach (var purpose in purposes)
        {
            var status = await pictures.StatusAsync(id, purpose);
            statuses[purpose] = new JsonObject
            {
                ["cleared"] = status.Shown,
                ["reasons"] = new JsonArray(status.Reasons.Select(r => (JsonNode)r).ToArray()),
                ["lapses"] = status.Lapses?.ToString("O"),
            };
        }
        json["consent"] = statuses;
        return Results.Json(json);
    }

    private static async Task<IResult> DecideAsync(string id, HttpContext http, MediaLibrary library, bool confirm)
    {
        if (await library.FindAsync(id) is not { } item)
        {
            return NotFound(id);
        }
        var refusal = confirm ? await library.ConfirmAsync(item, Actor.Of(http.User)) : await library.RejectAsync(item, Actor.Of(http.User));
        return refusal is null ? Results.Json(ToJson(item, http)) : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: refusal);
    }

    /// <summary>A picture's description; what is left out (or null) stays as it is, an empty text clears it.</summary>
    public sealed record DescribeInput(
        [property: MaxLength(TextLimits.Note)] string? AltText,
        [property: MaxLength(TextLimits.Note)] string? Caption,
        [property: MaxLength(MediaItem.PersonIdLength), MaxCount(MediaItem.MaxPeople)] List<string>? People,
        bool? NoIdentifiablePeople,
        [property: MaxLength(500)] string? Reason);

    private static async Task<IResult> DescribeAsync(string id, HttpContext http, MediaLibrary library)
    {
        var item = await library.FindAsync(id);
        if (item is null)
        {
            return NotFound(id);
        }
        var (body, error) = await JsonBody.ReadAsync<DescribeInput>(http);
        if (body is null)
        {
            return error!;
        }
        var errors = new Dictionary<string, string[]>();
        var people = body.People ?? item.People.ToList();
        // Naming who is in it without saying otherwise means someone can be identified.
        var nobody = body.NoIdentifiablePeople ?? (item.NoIdentifiablePeople && body.People is not { Count: > 0 });
        if (nobody && people.Count > 0)
        {
            errors["noIdentifiablePeople"] = ["Say who is in the picture, or that nobody can be identified, not both."];
        }
        if (people.Any(p => string.IsNullOrWhiteSpace(p) || p.Contains(',')))
        {
            errors["people"] = ["Each person is a register id."];
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        if (body.AltText is not null)
        {
            item.AltText = body.AltText.Trim() is { Length: > 0 } alt ? alt : null;
        }
        if (body.Caption is not null)
        {
            item.Caption = body.Caption.Trim() is { Length: > 0 } caption ? caption : null;
        }
        var outcome = await library.DescribeAsync(item, new MediaDescription(people.Distinct().ToList(), nobody, body.Reason), Actor.Of(http.User));
        var json = ToJson(item, http);
        json["message"] = outcome.Message;
        return Results.Json(json);
    }

    private static JsonObject ToJson(MediaItem item, HttpContext http) => new()
    {
        ["id"] = item.Id,
        ["kind"] = item.Kind,
        ["contentType"] = item.ContentType,
        ["width"] = item.Width,
        ["height"] = item.Height,
        ["size"] = item.Size,
        ["altText"] = item.AltText,
        ["caption"] = item.Caption,
        ["folder"] = item.Folder,
        ["people"] = new JsonArray(item.People.Select(p => (JsonNode)p).ToArray()),
        ["noIdentifiablePeople"] = item.NoIdentifiablePeople,
        ["unreviewed"] = item.IsUnreviewed,
        ["waitingForConfirmation"] = item.HasProposal ? new JsonObject
        {
            ["people"] = new JsonArray(item.ProposedPeople.Select(p => (JsonNode)p).ToArray()),
            ["noIdentifiablePeople"] = item.ProposedNobody,
            ["proposedBy"] = item.ProposedByName,
            ["reason"] = item.ProposedReason,
        } : null,
        ["url"] = $"{http.Request.PathBase}/media/{item.Id}/original",
        ["renditions"] = new JsonObject(item.Renditions.Split(',').Select(r =>
            new KeyValuePair<string, JsonNode?>(r, $"{http.Request.PathBase}/media/{item.Id}/{r}"))),
    };

    private static IResult NotFound(string id) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no media item '{id}'.");
}
