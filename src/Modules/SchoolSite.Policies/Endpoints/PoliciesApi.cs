using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Policies.Models;
using SchoolSite.Policies.Services;

namespace SchoolSite.Policies.Endpoints;

/// <summary>Policies for the caller (with their acknowledgement state), and acknowledging the current version.</summary>
public static class PoliciesApi
{
    public sealed record AcknowledgeInput(int? Version);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/policies")
            .WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Manifest.PoliciesFeature))
            .RequireAuthorization(new AuthorizeAttribute(PermissionRequirement.Policy(CorePermissions.AccessAdmin)) { AuthenticationSchemes = ApiAuthentication.Schemes });
        api.MapGet("/", ListAsync);
        api.MapPost("/{id}/acknowledge", AcknowledgeAsync);
    }

    private static async Task<IResult> ListAsync(HttpContext http, PolicyBook book, PoliciesDbContext db, IAuthorizationService authorization)
    {
        var me = http.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var staff = (await authorization.AuthorizeAsync(http.User, PermissionRequirement.Policy(Permissions.ViewStaffPolicies))).Succeeded;
        var mine = await db.Acknowledgements.AsNoTracking().Where(a => a.UserId == me).ToListAsync();
        return Results.Json((await book.PublishedAsync()).Where(p => staff || !p.StaffOnly).Select(p =>
        {
            var ack = mine.FirstOrDefault(a => a.ContentItemId == p.Id && a.Number == p.Version?.Number);
            return new
            {
                id = p.Id, title = p.Title, audience = p.Audience, category = p.Category, versionLabel = p.VersionLabel,
                version = p.Version?.Number, requiresAcknowledgement = p.NeedsAcknowledgement,
                acknowledged = ack is not null, acknowledgedUtc = ack?.AcknowledgedUtc, nextReview = p.NextReview, status = book.StatusOf(p).ToString(),
            };
        }));
    }

    private static async Task<IResult> AcknowledgeAsync(string id, HttpContext http, PolicyBook book)
    {
        var input = await JsonBody.ReadAsync<AcknowledgeInput>(http);
        if (input.Error is not null)
        {
            return input.Error;
        }
        if (input.Value!.Version is not { } version)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["version"] = ["Say which version you read (the number shown with the policy)."] });
        }
        var (outcome, policy) = await book.AcknowledgeAsync(http.User, id, version);
        return outcome switch
        {
            AcknowledgeOutcome.Done or AcknowledgeOutcome.AlreadyDone => Results.Json(new { id, version, acknowledged = true }),
            AcknowledgeOutcome.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no published policy '{id}'."),
            AcknowledgeOutcome.NotRequired => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: $"'{policy!.Title}' does not need acknowledging."),
            _ => Results.Problem(statusCode: StatusCodes.Status409Conflict,
                title: $"'{policy!.Title}' is now at version {policy.Version!.Number}: read the new version, then acknowledge that one."),
        };
    }
}
