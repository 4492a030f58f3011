using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Data;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Consent.Endpoints;

/// <summary>The people register and consent records through the API, with the admin's permissions.</summary>
public static class PeopleApi
{
    /// <summary>
    /// A person as the API takes them. A choice (kind, status) is text read by <see cref="EnumNames"/>, so that a wrong one is
    /// reported together with every other problem of the request rather than alone.
    /// </summary>
    public sealed record PersonInput(
        [property: MaxLength(Person.IdLength)] string? ExternalId, string? Kind,
        [property: MaxLength(Person.NameLength)] string? LegalFirstName, [property: MaxLength(Person.NameLength)] string? LegalLastName,
        [property: MaxLength(Person.NameLength)] string? PreferredFirstName,
        [property: MaxLength(Person.GroupLength)] string? YearGroup, [property: MaxLength(Person.GroupLength)] string? ClassName,
        string? Status, bool? NeverPublish, bool? PrivateLikePupil = null, [property: MaxLength(254)] string? AccountEmail = null);

    /// <summary><paramref name="SchoolYear"/>: the year the answer is for (2027 for 2027–28): this one unless given, or the next (forms collected before it starts).</summary>
    public sealed record ConsentInput(string? Purpose, string? Status, string? GivenBy,
        [property: MaxLength(ConsentRecord.MethodLength)] string? Method, [property: MaxLength(TextLimits.Note)] string? Note, int? SchoolYear = null);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/people").WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Manifest.ConsentFeature));
        AuthorizeAttribute Needs(string permission) => new(PermissionRequirement.Policy(permission)) { AuthenticationSchemes = ApiAuthentication.Schemes };
        api.MapPost("/", CreateAsync).RequireAuthorization(Needs(Permissions.ManagePeople));
        api.MapPut("/{id}", UpdateAsync).RequireAuthorization(Needs(Permissions.ManagePeople));
        api.MapGet("/{id}", GetAsync).RequireAuthorization(Needs(Permissions.ViewPeople));
        api.MapPost("/{id}/consents", RecordAsync).RequireAuthorization(Needs(Permissions.ManageConsent));
        api.MapGet("/{id}/takedown", TakedownAsync).RequireAuthorization(Needs(Permissions.ManageConsent));
        endpoints.MapPost("/api/takedown/{taskId}/done", DoneAsync)
            .WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Manifest.ConsentFeature))
            .RequireAuthorization(Needs(Permissions.ManageConsent));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, PeopleRegister register)
    {
        var input = await JsonBody.ReadAsync<PersonInput>(http);
        if (input.Error is not null)
        {
            return input.Error;
        }
        var person = new Person { Id = IdGenerator.New(), ExternalId = "", LegalFirstName = "", LegalLastName = "" };
        var errors = Apply(input.Value!, person, creating: true);
        if (errors.Count == 0 && await register.MisIdClashAsync(person.ExternalId) is { } clash)
        {
            errors["externalId"] = [clash];
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        await register.AddAsync(person, Actor.Of(http.User).Name);
        return Results.Created($"{http.Request.PathBase}/api/people/{person.Id}", ToJson(person));
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext http, PeopleRegister register)
    {
        var person = await register.FindAsync(id);
        if (person is null)
        {
            return NotFound(id);
        }
        var input = await JsonBody.ReadAsync<PersonInput>(http);
        if (input.Error is not null)
        {
            return input.Error;
        }
        var before = PeopleRegister.Snapshot(person);
        var errors = Apply(input.Value!, person, creating: false);
        if (errors.Count == 0 && input.Value!.ExternalId is { Length: > 0 } && await register.MisIdClashAsync(person.ExternalId, person.Id) is { } clash)
        {
            errors["externalId"] = [clash];
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        await register.SaveAsync(new Dictionary<string, string> { [person.Id] = before }, Actor.Of(http.User).Name);
        return Results.Json(ToJson(person));
    }

    private static async Task<IResult> GetAsync(string id, ConsentDbContext db, IPictureClearance gate)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
        if (person is null)
        {
            return NotFound(id);
        }
        var json = ToJson(person);
        var consents = new Dictionary<string, object?>();
        foreach (var purpose in await db.Purposes.AsNoTracking().ToListAsync())
        {
            var decision = await gate.DecideAsync([person.Id], purpose.Name);
            consents[purpose.Name] = new { cleared = decision.Cleared, reasons = decision.Reasons, lawfulBasis = purpose.LawfulBasis, lapses = decision.Lapses };
        }
        json["consents"] = consents;
        return Results.Json(json);
    }

    private static async Task<IResult> RecordAsync(string id, HttpContext http, PeopleRegister register, TenantContext tenant, TimeProvider time)
    {
        var person = await register.FindAsync(id);
        if (person is null)
        {
            return NotFound(id);
        }
        var input = await JsonBody.ReadAsync<ConsentInput>(http);
        if (input.Error is not null)
        {
            return input.Error;
        }
        var value = input.Value!;
        var (purpose, status, errors) = await register.CheckAnswerAsync(value.Purpose, value.Status);
        var current = SchoolYear.Of(time.GetUtcNow(), tenant.Shell.Settings);
        if (value.SchoolYear is { } asked && asked != current && asked != current + 1)
        {
            errors["schoolYear"] = [$"Record answers for this school year ({current}, for {SchoolYear.Label(current)}) or the next ({current + 1})."];
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        // Takes effect on the next request: the gate's index is rebuilt, and pages showing the person are evicted.
        await register.RecordConsentAsync(person, purpose!, status, value.GivenBy, value.Method, value.Note, Actor.Of(http.User).Name, value.SchoolYear);
        return Results.Created($"{http.Request.PathBase}/api/people/{person.Id}", new { person = person.Id, purpose = purpose!.Name, status = status.ToString() });
    }

    private static async Task<IResult> TakedownAsync(string id, HttpContext http, ConsentDbContext db, Takedown takedown)
    {
        if (!await db.People.AnyAsync(p => p.Id == id))
        {
            return NotFound(id);
        }
        var (pictures, uses) = await takedown.ForAsync(id);
        var basePath = http.Request.PathBase.Value ?? string.Empty;
        return Results.Json(new
        {
            person = id,
            pictures = pictures.Select(p => new { id = p.Id, name = p.Name }),
            uses = uses.Select(u => new
            {
                kind = u.Kind, id = u.Id, title = u.Title, status = u.Status, state = u.State, url = u.Url is null ? null : basePath + u.Url, pictures = u.Pictures,
                offSite = u.OffSite,
            }),
            tasks = (await takedown.TasksForAsync(id)).Select(TaskJson),
        });
    }

    public sealed record DoneInput([property: MaxLength(TextLimits.Note)] string? Note);

    private static async Task<IResult> DoneAsync(string taskId, HttpContext http, Takedown takedown)
    {
        var input = http.Request.ContentLength is > 0 || http.Request.Headers.TransferEncoding.Count > 0 ? await JsonBody.ReadAsync<DoneInput>(http) : (new DoneInput(null), null);
        if (input.Error is not null)
        {
            return input.Error;
        }
        var task = await takedown.MarkDoneAsync(taskId, Actor.Of(http.User).Name, input.Value?.Note);
        return task is null
            ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is nothing on the takedown list with id '{taskId}'.")
            : Results.Json(TaskJson(task));
    }

    private static object TaskJson(TakedownTask t) => new
    {
        id = t.Id, person = t.PersonId, item = t.ContentItemId, title = t.ItemTitle, place = t.Place, pictures = t.Pictures, reason = t.Reason,
        created = t.CreatedUtc, done = t.IsDone, doneBy = t.DoneBy, doneUtc = t.DoneUtc, note = t.Note,
    };

    public static Dictionary<string, string[]> Apply(PersonInput input, Person person, bool creating)
    {
        var errors = new Dictionary<string, string[]>();
        void Need(string? value, string field, string message)
        {
            if (creating && string.IsNullOrWhiteSpace(value))
            {
                errors[field] = [message];
            }
        }
        Need(input.ExternalId, "externalId", "The MIS id is required.");
        Need(input.LegalFirstName, "legalFirstName", "The legal first name is required.");
        Need(input.LegalLastName, "legalLastName", "The legal last name is required.");
        if (input.Kind is not null && !EnumNames.TryParse<PersonKind>(input.Kind, out _))
        {
            errors["kind"] = ["Give Pupil or Staff."];
        }
        if (input.Status is not null && !EnumNames.TryParse<PersonStatus>(input.Status, out _))
        {
            errors["status"] = ["Give OnRoll or Left."];
        }
        if (!string.IsNullOrWhiteSpace(input.AccountEmail) && !CarerImportColumns.IsEmail(input.AccountEmail.Trim()))
        {
            errors["accountEmail"] = [$"'{input.AccountEmail}' is not an e-mail address: give the address the member of staff signs in with."];
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        if (input.ExternalId is { Length: > 0 } externalId) person.ExternalId = externalId.Trim();
        if (input.LegalFirstName is { Length: > 0 } first) person.LegalFirstName = first.Trim();
        if (input.LegalLastName is { Length: > 0 } last) person.LegalLastName = last.Trim();
        if (input.PreferredFirstName is not null) person.PreferredFirstName = input.PreferredFirstName.Trim() is { Length: > 0 } p ? p : null;
        if (input.YearGroup is not null) person.YearGroup = input.YearGroup.Trim();
        if (input.ClassName is not null) person.ClassName = input.ClassName.Trim();
        if (EnumNames.TryParse<PersonKind>(input.Kind, out var kind)) person.Kind = kind;
        if (EnumNames.TryParse<PersonStatus>(input.Status, out var status)) person.Status = status;
        if (input.NeverPublish is { } never) person.NeverPublish = never;
        if (input.PrivateLikePupil is { } likePupil) person.PrivateLikePupil = likePupil;
        if (input.AccountEmail is not null) person.AccountEmail = input.AccountEmail.Trim() is { Length: > 0 } email ? email.ToLowerInvariant() : null;
        return errors;
    }

    public static Dictionary<string, object?> ToJson(Person person) => new()
    {
        ["id"] = person.Id,
        ["externalId"] = person.ExternalId,
        ["kind"] = person.Kind.ToString(),
        ["legalFirstName"] = person.LegalFirstName,
        ["legalLastName"] = person.LegalLastName,
        ["preferredFirstName"] = person.PreferredFirstName,
        ["accountEmail"] = person.AccountEmail,
        ["yearGroup"] = person.YearGroup,
        ["className"] = person.ClassName,
        ["status"] = person.Status.ToString(),
        ["neverPublish"] = person.NeverPublish,
        ["privateLikePupil"] = person.PrivateLikePupil,
    };

    private static IResult NotFound(string id) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no person '{id}'.");
}
