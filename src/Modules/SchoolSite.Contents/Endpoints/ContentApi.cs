using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;

namespace SchoolSite.Contents.Endpoints;

/// <summary>
/// The content JSON API of a school, with the admin's permissions: a session cookie or a personal token.
/// Every change goes through <see cref="ContentManager"/>, like the admin's buttons.
/// </summary>
public static class ContentApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/content")
            .WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Manifest.ContentsFeature));
        var signedIn = new AuthorizeAttribute { AuthenticationSchemes = ApiAuthentication.Schemes };

        // Published content is public, like the site itself, and shows exactly what the site may; drafts need a signed-in user with the right.
        api.MapGet("/{id}", GetAsync).AllowAnonymous().WithMetadata(new PublicChannelAttribute());
        api.MapGet("/{id}/checks", ChecksAsync).RequireAuthorization(signedIn);
        api.MapPost("/", CreateAsync).RequireAuthorization(signedIn);
        api.MapPut("/{id}", UpdateAsync).RequireAuthorization(signedIn);
        api.MapPost("/{id}/publish", (string id, HttpContext http, ContentManager content, ContentAuthorization rights)
            => ChangeAsync(id, ContentAction.Publish, http, content, rights, (actor, _) => content.PublishAsync(id, actor))).RequireAuthorization(signedIn);
        api.MapPost("/{id}/unpublish", (string id, HttpContext http, ContentManager content, ContentAuthorization rights)
            => ChangeAsync(id, ContentAction.Publish, http, content, rights, (actor, _) => content.UnpublishAsync(id, actor))).RequireAuthorization(signedIn);
        api.MapDelete("/{id}", (string id, HttpContext http, ContentManager content, ContentAuthorization rights)
            => ChangeAsync(id, ContentAction.Delete, http, content, rights, (actor, _) => content.RemoveAsync(id, actor))).RequireAuthorization(signedIn);
    }

    private static async Task<IResult> GetAsync(string id, string? version, HttpContext http, ContentManager content, ContentAuthorization rights)
    {
        if (version is not (null or "published" or "latest"))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["Use version=latest or version=published."] });
        }
        if (version == "latest")
        {
            var user = await ApiUserAsync(http);
            if (user.Identity?.IsAuthenticated != true)
            {
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in (or send a personal token) to see drafts.");
            }
            var latest = await content.GetAsync(id, VersionOption.Latest);
            if (latest is null)
            {
                return NotFound(id);
            }
            if (!await rights.CanAsync(user, ContentAction.Preview, latest) && !await rights.CanAsync(user, ContentAction.Edit, latest))
            {
                return Forbidden("You may not see drafts of this item.");
            }
            return Results.Json(ToJson(latest));
        }
        var published = await content.GetAsync(id, VersionOption.Published);
        // Without the public site's policy nothing is public: fail closed.
        if (published is null || http.RequestServices.GetService<IPublicationPolicy>() is not { } policy)
        {
            return NotFound(id);
        }
        var caller = await ApiUserAsync(http);
        if ((await policy.RestrictedAsync()).Contains(id) && !await policy.MayViewAsync(caller, published))
        {
            // The same 404 as for an item that does not exist: a staff-only policy is not there for anyone else.
            return NotFound(id);
        }
        // The public reads what the site shows: no picture or document it may not show, no staff-only field, not who on the staff wrote it.
        var staff = caller.Identity?.IsAuthenticated == true;
        var visible = await policy.VisibleAsync(published, forStaff: staff);
        return Results.Json(ToJson(visible.Item, includeStaff: staff));
    }

    /// <summary>What editors and reviewers see before publishing: each picture's standing and the privacy warnings.</summary>
    private static async Task<IResult> ChecksAsync(string id, HttpContext http, ContentManager content, ContentAuthorization rights, ContentChecks checks)
    {
        var latest = await content.GetAsync(id, VersionOption.Latest);
        if (latest is null)
        {
            return NotFound(id);
        }
        var user = await ApiUserAsync(http);
        if (!await rights.CanAsync(user, ContentAction.Preview, latest) && !await rights.CanAsync(user, ContentAction.Edit, latest))
        {
            return Forbidden("You may not see drafts of this item.");
        }
        var found = await checks.CheckAsync(latest);
        return Results.Json(found.Select(c => new { area = c.Area, severity = c.Severity.ToString(), message = c.Message, match = c.Match, mediaId = c.MediaId }));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ContentManager content, ContentAuthorization rights)
    {
        var body = await JsonBody.ReadAsync<JsonObject>(http);
        if (body.Error is not null)
        {
            return body.Error;
        }
        if (!await rights.CanAsync(http.User, ContentAction.Edit, null))
        {
            return Forbidden("You may not create content.");
        }
        var given = body.Value!["ContentType"];
        if (given is not JsonValue typeName || typeName.GetValueKind() != JsonValueKind.String || typeName.GetValue<string>() is not { Length: > 0 } type)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["ContentType"] = [given is null ? "ContentType is required, e.g. \"NewsArticle\"." : "ContentType should be the name of a content type, in double quotes, e.g. \"NewsArticle\"."],
            });
        }
        var (parts, wrong) = Parts(body.Value!);
        if (wrong.Count > 0)
        {
            return Results.ValidationProblem(wrong, title: "Some parts are not of the right type.");
        }
        var result = await content.CreateAsync(type, parts, Actor.Of(http.User));
        return result.Succeeded ? Results.Created($"{http.Request.PathBase}/api/content/{result.Item!.ContentItemId}", ToJson(result.Item)) : Problem(result);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext http, ContentManager content, ContentAuthorization rights)
    {
        var body = await JsonBody.ReadAsync<JsonObject>(http);
        if (body.Error is not null)
        {
            return body.Error;
        }
        var latest = await content.GetAsync(id, VersionOption.Latest);
        if (latest is null)
        {
            return NotFound(id);
        }
        if (!await rights.CanAsync(http.User, ContentAction.Edit, latest))
        {
            return Forbidden("You may not edit this item.");
        }
        if (body.Value!["Revision"] is not JsonValue revision || revision.GetValueKind() != JsonValueKind.Number || !revision.TryGetValue<int>(out var baseRevision))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["Revision"] = ["Revision is required, as a whole number: send the Revision you read, so a change made meanwhile is not overwritten."],
            });
        }
        var (parts, wrong) = Parts(body.Value!);
        if (wrong.Count > 0)
        {
            return Results.ValidationProblem(wrong, title: "Some parts are not of the right type.");
        }
        var result = await content.UpdateAsync(id, parts, baseRevision, Actor.Of(http.User));
        return result.Succeeded ? Results.Json(ToJson(result.Item!)) : Problem(result);
    }

    private static async Task<IResult> ChangeAsync(string id, ContentAction action, HttpContext http, ContentManager content, ContentAuthorization rights,
        Func<Actor, ContentItem, Task<ContentResult>> change)
    {
        var latest = await content.GetAsync(id, VersionOption.Latest);
        if (latest is null)
        {
            return NotFound(id);
        }
        if (!await rights.CanAsync(http.User, action, latest))
        {
            return Forbidden(action == ContentAction.Publish ? "You may not publish or unpublish this item." : "You may not delete this item.");
        }
        var result = await change(Actor.Of(http.User), latest);
        return result.Succeeded ? Results.Json(ToJson(result.Item!)) : Problem(result);
    }

    /// <summary>Orchard's JSON shape: the item's metadata and its parts side by side.</summary>
    public static JsonObject ToJson(ContentItem item, bool includeStaff = true)
    {
        var json = new JsonObject
        {
            ["ContentItemId"] = item.ContentItemId,
            ["ContentItemVersionId"] = item.ContentItemVersionId,
            ["ContentType"] = item.ContentType,
            ["DisplayText"] = item.DisplayText,
            ["Latest"] = item.Latest,
            ["Published"] = item.Published,
            ["Owner"] = item.Owner,
            ["Author"] = item.Author,
            ["CreatedUtc"] = item.CreatedUtc,
            ["ModifiedUtc"] = item.ModifiedUtc,
            ["PublishedUtc"] = item.PublishedUtc,
            ["Revision"] = item.Revision,
        };
        foreach (var (name, part) in item.Content)
        {
            json[name] = part?.DeepClone();
        }
        if (!includeStaff)
        {
            json.Remove("Owner");
            json.Remove("Author");
        }
        return json;
    }

    /// <summary>The item's own values <see cref="ToJson"/> writes beside its parts: sent back as read, they are not parts and are left alone.</summary>
    private static readonly HashSet<string> Metadata = new(StringComparer.Ordinal)
    {
        "ContentItemId", "ContentItemVersionId", "ContentType", "DisplayText", "Latest", "Published", "Owner", "Author", "CreatedUtc", "ModifiedUtc",
        "PublishedUtc", "Revision",
    };

    /// <summary>The body's parts; anything else that is not one of the item's own values must be a part, so an object.</summary>
    private static (JsonObject Parts, Dictionary<string, string[]> Wrong) Parts(JsonObject body)
    {
        var parts = new JsonObject();
        var wrong = new Dictionary<string, string[]>();
        foreach (var (name, value) in body)
        {
            if (value is JsonObject)
            {
                parts[name] = value.DeepClone();
            }
            else if (!Metadata.Contains(name))
            {
                wrong[name] = [$"{name} should be a part: an object, in curly brackets, such as {{\"Title\": \"Sports day\"}} for TitlePart."];
            }
        }
        return (parts, wrong);
    }

    /// <summary>The caller of an endpoint that also serves the public: a cookie session or a personal token, if any.</summary>
    private static async Task<ClaimsPrincipal> ApiUserAsync(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            return http.User;
        }
        var token = await http.AuthenticateAsync(ApiAuthentication.PersonalTokenScheme);
        return token.Succeeded ? token.Principal : http.User;
    }

    private static IResult Problem(ContentResult result) => result.Outcome switch
    {
        ContentOutcome.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: result.Describe()),
        ContentOutcome.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The item was changed meanwhile.",
            detail: result.Describe(), extensions: new Dictionary<string, object?> { ["errors"] = result.Errors }),
        ContentOutcome.Vetoed => Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Publishing was refused.",
            detail: result.Describe(), extensions: new Dictionary<string, object?> { ["errors"] = result.Errors }),
        _ => Results.ValidationProblem(result.Errors, title: "Some fields are not valid."),
    };

    private static IResult NotFound(string id)
        => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no content item '{id}'.");

    private static IResult Forbidden(string title) => Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: title);
}
