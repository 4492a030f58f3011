using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Consent.Endpoints;

/// <summary>The people register and consent records through the API, with the admin's permissions.</summary>
public static class PeopleApi
{
    public sealed record PersonInput(string? ExternalId, string? Kind, string? LegalFirstName, string? LegalLastName, string? PreferredFirstName,
        string? YearGroup, string? ClassName, string? Status, bool? NeverPublish);

    public sealed record ConsentInput(string? Purpose, string? Status, string? GivenBy, string? Method, string? Note);

    public static void Map(IEndpointRouteBuilder endpoints, string apiSchemes)
    {
        var api = endpoints.MapGroup("/api/people").WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Startup.ConsentFeature));
        AuthorizeAttribute Needs(string permission) => new(PermissionRequirement.Policy(permission)) { AuthenticationSchemes = apiSchemes };
        api.MapPost("/", CreateAsync).RequireAuthorization(Needs(Permissions.ManagePeople));
        api.MapPut("/{id}", UpdateAsync).RequireAuthorization(Needs(Permissions.ManagePeople));
        api.MapGet("/{id}", GetAsync).RequireAuthorization(Needs(Permissions.ViewPeople));
        api.MapPost("/{id}/consents", RecordAsync).RequireAuthorization(Needs(Permissions.ManageConsent));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ConsentDbContext db, TenantContext tenant)
    {
        var input = await JsonBody.ReadAsync<PersonInput>(http);
        if (input.Error is not null)
        {
            return input.Error;
        }
        var person = new Person { Id = Core.Provisioning.PasswordGenerator.Generate().ToLowerInvariant(), ExternalId = "", LegalFirstName = "", LegalLastName = "" };
        var errors = Apply(input.Value!, person, creating: true);
        if (errors.Count == 0 && await db.People.AnyAsync(p => p.ExternalId == person.ExternalId))
        {
            errors["externalId"] = [$"There is already someone with the MIS id '{person.ExternalId}'."];
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        db.People.Add(person);
        await db.SaveChangesAsync();
        ConsentGate.Evict(tenant.Shell);
        return Results.Created($"{http.Request.PathBase}/api/people/{person.Id}", ToJson(person));
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext http, ConsentDbContext db, TenantContext tenant, IEnumerable<IPeopleObserver> observers)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id);
        if (person is null)
        {
            return NotFound(id);
        }
        var input = await JsonBody.ReadAsync<PersonInput>(http);
        if (input.Error is not null)
        {
            return input.Error;
        }
        var errors = Apply(input.Value!, person, creating: false);
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        await db.SaveChangesAsync();
        ConsentGate.Evict(tenant.Shell);
        foreach (var observer in observers)
        {
            await observer.PersonChangedAsync(person.Id);
        }
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
            consents[purpose.Name] = new { cleared = decision.Cleared, reasons = decision.Reasons, lawfulBasis = purpose.LawfulBasis };
        }
        json["consents"] = consents;
        return Results.Json(json);
    }

    private static async Task<IResult> RecordAsync(string id, HttpContext http, ConsentDbContext db, TenantContext tenant, TimeProvider time,
        IEnumerable<IPeopleObserver> observers)
    {
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id);
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
        var errors = new Dictionary<string, string[]>();
        var purpose = value.Purpose is null ? null : await db.Purposes.AsNoTracking().FirstOrDefaultAsync(p => p.Name == value.Purpose);
        if (purpose is null)
        {
            errors["purpose"] = [$"Give one of the school's purposes: {string.Join(", ", await db.Purposes.Select(p => p.Name).ToListAsync())}."];
        }
        if (!Enum.TryParse<ConsentStatus>(value.Status, ignoreCase: true, out var status))
        {
            errors["status"] = ["Give Granted, Refused or Objected."];
        }
        else if (status == ConsentStatus.Objected && purpose?.LawfulBasis == "consent")
        {
            errors["status"] = [$"'{purpose.Name}' relies on consent: record Refused (or Granted), not Objected."];
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        var now = time.GetUtcNow();
        db.Records.Add(new ConsentRecord
        {
            PersonId = person.Id,
            Purpose = purpose!.Name,
            SchoolYear = SchoolYear.Of(now, tenant.Shell.Settings),
            Status = status,
            GivenBy = value.GivenBy,
            Method = value.Method,
            Note = value.Note,
            RecordedBy = http.User.FindFirstValue("name") ?? http.User.Identity?.Name,
            RecordedUtc = now.UtcDateTime,
        });
        await db.SaveChangesAsync();
        // Takes effect on the next request: the gate's index is rebuilt, and pages showing the person are evicted.
        ConsentGate.Evict(tenant.Shell);
        foreach (var observer in observers)
        {
            await observer.PersonChangedAsync(person.Id);
        }
        return Results.Created($"{http.Request.PathBase}/api/people/{person.Id}", new { person = person.Id, purpose = purpose.Name, status = status.ToString() });
    }

    private static Dictionary<string, string[]> Apply(PersonInput input, Person person, bool creating)
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
        if (input.Kind is not null && !Enum.TryParse<PersonKind>(input.Kind, true, out _))
        {
            errors["kind"] = ["Give Pupil or Staff."];
        }
        if (input.Status is not null && !Enum.TryParse<PersonStatus>(input.Status, true, out _))
        {
            errors["status"] = ["Give OnRoll or Left."];
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
        if (input.Kind is not null) person.Kind = Enum.Parse<PersonKind>(input.Kind, true);
        if (input.Status is not null) person.Status = Enum.Parse<PersonStatus>(input.Status, true);
        if (input.NeverPublish is { } never) person.NeverPublish = never;
        return errors;
    }

    private static Dictionary<string, object?> ToJson(Person person) => new()
    {
        ["id"] = person.Id,
        ["externalId"] = person.ExternalId,
        ["kind"] = person.Kind.ToString(),
        ["legalFirstName"] = person.LegalFirstName,
        ["legalLastName"] = person.LegalLastName,
        ["preferredFirstName"] = person.PreferredFirstName,
        ["yearGroup"] = person.YearGroup,
        ["className"] = person.ClassName,
        ["status"] = person.Status.ToString(),
        ["neverPublish"] = person.NeverPublish,
    };

    private static IResult NotFound(string id) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no person '{id}'.");
}

/// <summary>Told when a person's consent, status or never-publish flag changes (to evict pages that show them).</summary>
public interface IPeopleObserver
{
    Task PersonChangedAsync(string personId);
}
