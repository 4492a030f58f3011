using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Users.Services;

namespace SchoolSite.Consent.Endpoints;

/// <summary>The yearly consent round through the API: started and closed by the DPO or an administrator, its progress and chase list.</summary>
public static class ConsentRoundsApi
{
    public sealed record StartInput(int? SchoolYear, DateOnly? Closes, string? Message);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/consent/rounds").WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Manifest.ConsentFeature));
        AuthorizeAttribute Needs(string permission) => new(PermissionRequirement.Policy(permission)) { AuthenticationSchemes = ApiAuthentication.Schemes };
        api.MapPost("/", StartAsync).RequireAuthorization(Needs(Permissions.RunConsentRound));
        api.MapGet("/current", CurrentAsync).RequireAuthorization(Needs(Permissions.ViewPeople));
        api.MapGet("/current/chase.csv", ChaseAsync).RequireAuthorization(Needs(Permissions.ViewPeople));
        api.MapPost("/{id}/close", CloseAsync).RequireAuthorization(Needs(Permissions.RunConsentRound));
    }

    private static async Task<IResult> StartAsync(HttpContext http, ConsentRounds rounds, AccountLinkAddress address, TimeProvider time)
    {
        var input = await JsonBody.ReadAsync<StartInput>(http);
        if (input.Error is not null)
        {
            return input.Error;
        }
        var value = input.Value!;
        var missing = new Dictionary<string, string[]>();
        if (value.SchoolYear is null)
        {
            missing["schoolYear"] = ["Give the school year the answers are for, as the year it starts (2027 for 2027–28)."];
        }
        if (value.Closes is null)
        {
            missing["closes"] = ["Give the date the round closes (yyyy-mm-dd)."];
        }
        if (missing.Count > 0)
        {
            return Results.ValidationProblem(missing);
        }
        var (round, errors) = await rounds.StartAsync(value.SchoolYear!.Value, value.Closes!.Value, value.Message, address.BaseFor(http.Request), Actor.Of(http.User).Name);
        if (errors.TryGetValue(ConsentRounds.StillOpen, out var open))
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: open[0]);
        }
        return round is null ? Results.ValidationProblem(errors) : Results.Created($"{http.Request.PathBase}/api/consent/rounds/current", await ProgressJsonAsync(rounds, round, time));
    }

    private static async Task<IResult> CurrentAsync(ConsentRounds rounds, TimeProvider time)
        => await rounds.LatestAsync() is { } round
            ? Results.Json(await ProgressJsonAsync(rounds, round, time))
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No consent round has been run yet.");

    private static async Task<IResult> CloseAsync(string id, HttpContext http, ConsentRounds rounds)
        => await rounds.CloseAsync(id, Actor.Of(http.User).Name)
            ? Results.Ok(new { closed = true })
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no open consent round with that id.");

    /// <summary>The chase list as a spreadsheet: one line per pupil nobody has answered for, with the contacts asked.</summary>
    private static async Task<IResult> ChaseAsync(ConsentRounds rounds)
    {
        if (await rounds.LatestAsync() is not { } round)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No consent round has been run yet.");
        }
        var csv = new StringBuilder("Pupil,Year group,Class,Contacts asked,Asked by\r\n");
        foreach (var row in await rounds.ChaseListAsync(round))
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Cell($"{row.Pupil.LegalFirstName} {row.Pupil.LegalLastName}")},{Cell(row.Pupil.YearGroup)},{Cell(row.Pupil.ClassName)},")
                .Append(CultureInfo.InvariantCulture, $"{Cell(string.Join("; ", row.Asked.Select(a => a.CarerName)))},")
                .Append(CultureInfo.InvariantCulture, $"{Cell(string.Join("; ", row.Asked.Select(a => a.Email ?? "letter")))}\r\n");
        }
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv",
            $"consent-round-{round.SchoolYear}-chase-list.csv");
    }

    /// <summary>A value for a CSV cell: quoted, and never read as a formula by a spreadsheet.</summary>
    private static string Cell(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal))
        {
            text = "'" + text;
        }
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static async Task<Dictionary<string, object?>> ProgressJsonAsync(ConsentRounds rounds, Models.ConsentRound round, TimeProvider time)
    {
        var progress = await rounds.ProgressAsync(round);
        var nobody = await rounds.NobodyToAskAsync(round);
        return new Dictionary<string, object?>
        {
            ["id"] = round.Id,
            ["schoolYear"] = SchoolYear.Label(round.SchoolYear),
            ["closes"] = round.ClosesUtc,
            ["open"] = round.IsOpenAt(time.GetUtcNow().UtcDateTime),
            ["pupils"] = progress.Sum(p => p.Pupils),
            ["replied"] = progress.Sum(p => p.Replied),
            ["notReplied"] = progress.Sum(p => p.NotReplied),
            ["byClass"] = progress.Select(p => new { yearGroup = p.YearGroup, className = p.ClassName, pupils = p.Pupils, replied = p.Replied, notReplied = p.NotReplied }),
            ["nobodyToAsk"] = nobody.Count,
        };
    }
}
