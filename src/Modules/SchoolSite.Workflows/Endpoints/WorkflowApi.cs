using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Workflows.Models;
using SchoolSite.Workflows.Services;

namespace SchoolSite.Workflows.Endpoints;

/// <summary>
/// The workflow through the API, with exactly the admin's rules: 403 says who can take the step and whom to ask,
/// 409 means someone else acted first or the item changed, 422 means a publish gate said no.
/// </summary>
public static class WorkflowApi
{
    public sealed record TransitionInput([property: MaxLength(TextLimits.Note)] string? Comment, int? Revision, string? Version);

    public sealed record ScheduleInput(DateTimeOffset? PublishAt, DateTimeOffset? UnpublishAt);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/content/{id}/workflow")
            .WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Manifest.WorkflowsFeature))
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = ApiAuthentication.Schemes });
        api.MapGet("/", GetAsync);
        api.MapPost("/schedule", ScheduleAsync);
        api.MapPost("/emergency-publish", EmergencyAsync);
        api.MapPost("/{transition}", TakeAsync);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, ContentManager content, ContentAuthorization rights, WorkflowEngine engine)
    {
        var item = await content.GetAsync(id, VersionOption.Latest);
        if (item is null)
        {
            return Problem(StatusCodes.Status404NotFound, $"There is no content item '{id}'.");
        }
        if (!await rights.CanAsync(http.User, ContentAction.Preview, item) && !await rights.CanAsync(http.User, ContentAction.Edit, item))
        {
            return Problem(StatusCodes.Status403Forbidden, "You may not see this item's review.");
        }
        var (definition, instance) = await engine.ForAsync(item);
        if (definition is null || instance is null)
        {
            return Problem(StatusCodes.Status404NotFound, $"{item.ContentType} items are not reviewed.");
        }
        return Results.Json(await DescribeAsync(http, item, definition, instance, engine));
    }

    public static async Task<JsonObject> DescribeAsync(HttpContext http, Contents.Models.ContentItem item, WorkflowDefinition definition, WorkflowInstance instance,
        WorkflowEngine engine)
    {
        var options = await engine.OptionsAsync(http.User, item, definition, instance);
        return new JsonObject
        {
            ["contentItemId"] = item.ContentItemId,
            ["version"] = item.ContentItemVersionId,
            ["workflowType"] = definition.Name,
            ["state"] = instance.State,
            ["stateDescription"] = ReviewWording.State(definition, instance, http.RequestServices.GetRequiredService<TenantContext>().Shell.Settings),
            ["revision"] = instance.Revision,
            ["publishAt"] = instance.PublishAtUtc is { } at ? new DateTimeOffset(at, TimeSpan.Zero).ToString("O") : null,
            ["lastError"] = instance.LastError,
            ["transitions"] = new JsonArray(options.Select(o => (JsonNode)new JsonObject
            {
                ["name"] = o.Transition.Name,
                ["displayName"] = o.Transition.DisplayName,
                ["allowed"] = o.Allowed,
                ["refusal"] = o.Refusal,
                ["requiresComment"] = o.Transition.RequiresComment,
            }).ToArray()),
            ["history"] = new JsonArray((await engine.HistoryAsync(item.ContentItemId)).Select(e => (JsonNode)new JsonObject
            {
                ["transition"] = e.Transition,
                ["step"] = ReviewWording.Step(definition, e.Transition),
                ["from"] = e.FromState,
                ["to"] = e.ToState,
                ["by"] = e.ActorName,
                ["comment"] = e.Comment,
                ["at"] = new DateTimeOffset(e.AtUtc, TimeSpan.Zero).ToString("O"),
            }).ToArray()),
        };
    }

    private static async Task<IResult> TakeAsync(string id, string transition, HttpContext http, WorkflowEngine engine, ContentManager content)
    {
        var input = new TransitionInput(null, null, null);
        if (http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            var body = await JsonBody.ReadAsync<TransitionInput>(http);
            if (body.Error is not null)
            {
                return body.Error;
            }
            input = body.Value!;
        }
        var result = await engine.TakeAsync(http.User, id, transition, input.Comment, input.Revision, input.Version);
        return await RespondAsync(http, id, result, engine, content);
    }

    private static async Task<IResult> EmergencyAsync(string id, HttpContext http, WorkflowEngine engine, ContentManager content, TenantContext tenant,
        EmergencyPublisher emergency)
    {
        var input = await JsonBody.ReadAsync<TransitionInput>(http);
        if (input.Error is not null)
        {
            return input.Error;
        }
        var result = await emergency.PublishAsync(http.User, id, input.Value!.Comment, tenant.Shell.Section<WorkflowSettings>().EmergencyPublishEnabled);
        return await RespondAsync(http, id, result, engine, content);
    }

    private static async Task<IResult> ScheduleAsync(string id, HttpContext http, WorkflowEngine engine, ContentManager content, ReviewSchedule schedule)
    {
        var input = await JsonBody.ReadAsync<ScheduleInput>(http);
        if (input.Error is not null)
        {
            return input.Error;
        }
        var result = await schedule.SetAsync(http.User, id, input.Value!.PublishAt, input.Value.UnpublishAt);
        return result.Outcome switch
        {
            WorkflowOutcome.Ok => await RespondAsync(http, id, new WorkflowResult(WorkflowOutcome.Ok, result.Message), engine, content),
            WorkflowOutcome.Invalid => Results.ValidationProblem(result.Errors, title: result.Message),
            WorkflowOutcome.Refused => Problem(StatusCodes.Status403Forbidden, result.Message),
            _ => Problem(StatusCodes.Status404NotFound, result.Message),
        };
    }

    private static async Task<IResult> RespondAsync(HttpContext http, string id, WorkflowResult result, WorkflowEngine engine, ContentManager content)
    {
        switch (result.Outcome)
        {
            case WorkflowOutcome.Ok:
                var item = (await content.GetAsync(id, VersionOption.Latest))!;
                var (definition, instance) = await engine.ForAsync(item);
                var json = await DescribeAsync(http, item, definition!, instance!, engine);
                json["message"] = result.Message;
                return Results.Json(json);
            case WorkflowOutcome.Vetoed:
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["publish"] = [.. result.Reasons ?? [result.Message]] },
                    title: "The item was not published.", statusCode: StatusCodes.Status422UnprocessableEntity);
            case WorkflowOutcome.Invalid:
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["comment"] = [result.Message] }, title: result.Message);
            default:
                var status = result.Outcome switch
                {
                    WorkflowOutcome.NotFound or WorkflowOutcome.NotGoverned => StatusCodes.Status404NotFound,
                    WorkflowOutcome.Refused => StatusCodes.Status403Forbidden,
                    _ => StatusCodes.Status409Conflict,
                };
                return Problem(status, result.Message);
        }
    }

    private static IResult Problem(int status, string title) => Results.Problem(statusCode: status, title: title);
}
