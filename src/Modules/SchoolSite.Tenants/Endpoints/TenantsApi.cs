using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Provisioning;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Tenants.Endpoints;

/// <summary>The trust's provisioning API: create, list, disable and enable school sites.</summary>
public static class TenantsApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var trustAdministrators = new AuthorizeAttribute(PermissionRequirement.Policy(Permissions.ManageTenants))
        {
            AuthenticationSchemes = $"{IdentityConstants.ApplicationScheme},{Services.ApiKeyAuthentication.SchemeName}",
        };
        var api = endpoints.MapGroup("/api/tenants")
            .WithMetadata(new HostOnlyAttribute(), new FeatureAttribute(Manifest.TenantsFeature))
            .RequireAuthorization(trustAdministrators);
        // The recipes a school can be made from: parts of other recipes and the trust's own are not offered.
        endpoints.MapGet("/api/recipes", (RecipeLibrary recipes) => Results.Ok(recipes.ForSchools()
                .Select(r => new { name = r.Name, displayName = r.DisplayName, description = r.Description })))
            .WithMetadata(new HostOnlyAttribute(), new FeatureAttribute(Manifest.TenantsFeature))
            .RequireAuthorization(trustAdministrators);
        api.MapPost("/", CreateAsync);
        api.MapGet("/", List);
        api.MapPost("/{name}/disable", (string name, HttpContext http, TenantProvisioner provisioner, TenantRegistry registry)
            => SetStateAsync(name, TenantState.Disabled, http, provisioner, registry));
        api.MapPost("/{name}/enable", (string name, HttpContext http, TenantProvisioner provisioner, TenantRegistry registry)
            => SetStateAsync(name, TenantState.Running, http, provisioner, registry));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, TenantProvisioner provisioner, TenantRegistry registry)
    {
        var (request, error) = await JsonBody.ReadAsync<TenantRequest>(http);
        if (error is not null)
        {
            return error;
        }
        var result = await provisioner.ProvisionAsync(request!, TrustCaller.Of(http), http.RequestAborted);
        return result.Outcome switch
        {
            ProvisioningOutcome.Created => Results.Created(UrlOf(http, registry.Find(result.TenantName!)!), Describe(http, registry.Find(result.TenantName!)!)),
            ProvisioningOutcome.Invalid => Results.ValidationProblem(result.Errors, title: "Some fields are not valid."),
            ProvisioningOutcome.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "The name, prefix or host is already taken.", detail: result.Describe(),
                extensions: new Dictionary<string, object?> { ["errors"] = result.Errors }),
            ProvisioningOutcome.RecipeFailed => Results.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "The recipe failed; no site was created.", detail: result.Describe(),
                extensions: new Dictionary<string, object?>
                {
                    ["errors"] = result.Errors,
                    ["recipeErrors"] = result.RecipeErrors.Select(e => new { step = e.Step, stepName = e.StepName, path = e.Path, message = e.Message }),
                }),
            _ => Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The site could not be created.", detail: result.Describe()),
        };
    }

    private static IResult List(HttpContext http, TenantRegistry registry)
        => Results.Ok(registry.Schools.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => Describe(http, t)));

    private static async Task<IResult> SetStateAsync(string name, TenantState state, HttpContext http, TenantProvisioner provisioner, TenantRegistry registry)
    {
        var tenant = registry.Find(name);
        if (tenant is null || tenant.IsHost)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no site named '{name}'.");
        }
        if (tenant.State is TenantState.Initializing or TenantState.Uninitialized)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: $"The site '{name}' is still being set up.");
        }
        await provisioner.SetStateAsync(name, state, TrustCaller.Of(http), http.RequestAborted);
        return Results.Ok(Describe(http, registry.Find(name)!));
    }

    public static object Describe(HttpContext http, TenantInfo tenant) => new
    {
        name = tenant.Name,
        displayName = tenant.DisplayName,
        state = tenant.State.ToString(),
        prefix = tenant.Prefix,
        hosts = tenant.Hosts,
        url = UrlOf(http, tenant),
    };

    /// <summary>Where the school's site answers: its first host, else this host with its prefix.</summary>
    public static string UrlOf(HttpContext http, TenantInfo tenant)
    {
        var scheme = http.Request.Scheme;
        if (tenant.Hosts.Count > 0)
        {
            return $"{scheme}://{tenant.Hosts[0]}{tenant.PathBase}/";
        }
        return $"{scheme}://{http.Request.Host}{http.Request.PathBase}{tenant.PathBase}/";
    }
}
