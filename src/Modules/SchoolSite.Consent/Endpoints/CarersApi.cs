using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SchoolSite.Consent.Models;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;

namespace SchoolSite.Consent.Endpoints;

/// <summary>A pupil's contacts through the API: read with the register, changed by those who manage it, every change audited.</summary>
public static class CarersApi
{
    /// <summary>The contacts, in order: the first is contact 1.</summary>
    public sealed record CarersInput(List<CarerInput>? Contacts);

    public sealed record CarerInput(string? Name, string? Relationship, string? Email, string? Phone, bool? ParentalResponsibility, bool? DoNotContact,
        string? DoNotContactReason);

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/people/{id}/contacts").WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Manifest.ConsentFeature));
        AuthorizeAttribute Needs(string permission) => new(PermissionRequirement.Policy(permission)) { AuthenticationSchemes = ApiAuthentication.Schemes };
        api.MapGet("/", GetAsync).RequireAuthorization(Needs(Permissions.ViewPeople));
        api.MapPut("/", PutAsync).RequireAuthorization(Needs(Permissions.ManagePeople));
    }

    private static async Task<IResult> GetAsync(string id, HttpContext http, PeopleRegister register, IAuthorizationService authorization)
    {
        if (await register.FindAsync(id) is null)
        {
            return NotFound(id);
        }
        var restrictions = await CanSeeRestrictionsAsync(http.User, authorization);
        return Results.Json((await register.CarersAsync(id)).Select(c => ToJson(c, restrictions)));
    }

    /// <summary>
    /// Replaces the contacts with those given, in order (the first is contact 1). "Do not contact" cannot be taken off here:
    /// a contact flagged before keeps the flag, and one left out stays listed, flagged.
    /// </summary>
    private static async Task<IResult> PutAsync(string id, HttpContext http, PeopleRegister register, IAuthorizationService authorization)
    {
        if (await register.FindAsync(id) is null)
        {
            return NotFound(id);
        }
        var input = await JsonBody.ReadAsync<CarersInput>(http);
        if (input.Error is not null)
        {
            return input.Error;
        }
        var errors = new Dictionary<string, string[]>();
        var rows = new List<CarerRow>();
        foreach (var (carer, i) in (input.Value?.Contacts ?? []).Select((c, i) => (c, i)))
        {
            var at = $"contacts[{i}]";
            void Check(string field, string? value, int max, string label)
            {
                if (value?.Length > max)
                {
                    errors[$"{at}.{field}"] = [$"The {label} is {value.Length} characters long; the register holds at most {max}."];
                }
                else if (TextLimits.CharacterProblem(label, value) is { } problem)
                {
                    errors[$"{at}.{field}"] = [problem];
                }
            }
            var name = carer.Name?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                errors[$"{at}.name"] = ["Give the contact's name."];
            }
            Check("name", name, Carer.NameLength, "name");
            Check("relationship", carer.Relationship, Carer.RelationshipLength, "relationship");
            Check("phone", carer.Phone, Carer.PhoneLength, "phone number");
            Check("doNotContactReason", carer.DoNotContactReason, Carer.ReasonLength, "reason");
            if (carer.DoNotContact != true && !string.IsNullOrWhiteSpace(carer.DoNotContactReason))
            {
                errors[$"{at}.doNotContactReason"] = ["A reason is kept only for a contact marked \"do not contact\": tick that too, or leave the reason empty."];
            }
            var email = string.IsNullOrWhiteSpace(carer.Email) ? null : carer.Email.Trim();
            if (email is not null && (email.Length > Carer.EmailLength || !CarerImportColumns.IsEmail(email)))
            {
                errors[$"{at}.email"] = [$"'{email}' is not an e-mail address."];
            }
            rows.Add(new CarerRow(i + 1, name ?? "", Blank(carer.Relationship), email, Blank(carer.Phone), carer.ParentalResponsibility == true,
                carer.DoNotContact == true, Blank(carer.DoNotContactReason)));
        }
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        if (CarerChange.For(id, await register.CarersAsync(id), rows) is { } change)
        {
            await register.SaveCarersAsync(change, Actor.Of(http.User).Name);
        }
        var restrictions = await CanSeeRestrictionsAsync(http.User, authorization);
        return Results.Json((await register.CarersAsync(id)).Select(c => ToJson(c, restrictions)));
    }

    private static async Task<bool> CanSeeRestrictionsAsync(ClaimsPrincipal user, IAuthorizationService authorization)
        => (await authorization.AuthorizeAsync(user, PermissionRequirement.Policy(Permissions.ViewContactRestrictions))).Succeeded;

    private static Dictionary<string, object?> ToJson(Carer carer, bool restrictions)
    {
        var json = new Dictionary<string, object?>
        {
            ["contact"] = carer.Priority,
            ["name"] = carer.Name,
            ["relationship"] = carer.Relationship,
            ["email"] = carer.Email,
            ["phone"] = carer.Phone,
            ["parentalResponsibility"] = carer.ParentalResponsibility,
            ["doNotContact"] = carer.DoNotContact,
            ["mayBeAsked"] = carer.MayBeAsked,
        };
        if (restrictions)
        {
            json["doNotContactReason"] = carer.DoNotContactReason;
        }
        return json;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static IResult NotFound(string id) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no person '{id}'.");
}
