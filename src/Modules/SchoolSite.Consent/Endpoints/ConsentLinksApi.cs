using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;

namespace SchoolSite.Consent.Endpoints;

/// <summary>Staff issue, list and revoke carers' secure consent links (ManageConsent).</summary>
public static class ConsentLinksApi
{
    public sealed record LinkInput([property: MaxLength(TextLimits.Name)] string? CarerName, int? Days);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/people/{id}/links")
            .WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Manifest.ConsentFeature))
            .RequireAuthorization(new AuthorizeAttribute(PermissionRequirement.Policy(Permissions.ManageConsent)) { AuthenticationSchemes = ApiAuthentication.Schemes });
        api.MapPost("/", IssueAsync);
        api.MapGet("/", ListAsync);
        api.MapDelete("/{linkId}", RevokeAsync);
    }

    private static async Task<IResult> IssueAsync(string id, HttpContext http, PeopleRegister register, ConsentLinks links)
    {
        var person = await register.FindAsync(id);
        if (person is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no person '{id}'.");
        }
        var input = await JsonBody.ReadAsync<LinkInput>(http);
        if (input.Error is not null)
        {
            return input.Error;
        }
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.Value!.CarerName) || input.Value.CarerName.Length > 200)
        {
            errors["carerName"] = ["Give the name of the parent or carer the link is for (up to 200 characters)."];
        }
        var days = input.Value.Days ?? (int)ConsentLinks.DefaultLifetime.TotalDays;
        if (days < 1 || days > ConsentLinks.LongestLifetime.TotalDays)
        {
            errors["days"] = [$"A link lasts between 1 and {ConsentLinks.LongestLifetime.TotalDays} days."];
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        var (link, token) = await links.IssueAsync(person, input.Value.CarerName!, TimeSpan.FromDays(days), Actor.Of(http.User).Name);
        var url = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/consent/{token}";
        return Results.Created($"{http.Request.PathBase}/api/people/{id}/links/{link.Id}",
            new { id = link.Id, carerName = link.CarerName, expires = link.ExpiresUtc, url, note = "The link is shown once: send it to the carer now." });
    }

    private static async Task<IResult> ListAsync(string id, ConsentLinks links)
        => Results.Json((await links.ForAsync(id)).Select(l => new
        {
            id = l.Id, carerName = l.CarerName, createdBy = l.CreatedBy, created = l.CreatedUtc, expires = l.ExpiresUtc, revoked = l.RevokedUtc, lastUsed = l.LastUsedUtc,
        }));

    private static async Task<IResult> RevokeAsync(string id, string linkId, HttpContext http, ConsentLinks links)
        => await links.RevokeAsync(id, linkId, Actor.Of(http.User).Name)
            ? Results.NoContent()
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no link '{linkId}' for this person.");
}
