using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Data;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;
using SchoolSite.Policies.Endpoints;
using SchoolSite.Policies.Models;
using SchoolSite.Policies.Services;

namespace SchoolSite.Policies;

/// <summary>Policy pages (the social-media policy first): versioned, reviewed on schedule, acknowledged by every member of staff.</summary>
public sealed class Startup(string apiSchemes) : SchoolSiteModule
{
    public const string PoliciesFeature = "SchoolSite.Policies";

    public override string Name => "SchoolSite.Policies";

    public override IEnumerable<FeatureDescriptor> Features =>
    [
        FeatureDescriptor.Create(PoliciesFeature, "Policies", "Versioned policy pages, public or staff-only, acknowledged by staff and reviewed on schedule.",
            "Safeguarding", "SchoolSite.Contents", "SchoolSite.Workflows"),
    ];

    public override IEnumerable<MigrationSet> Migrations =>
        [MigrationSet.For<Migrations.M001_Policies>("Policies", MigrationScope.Tenant)];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<PoliciesDbContext>();
        services.AddScoped<PolicyBook>();
        services.AddScoped<Contents.Services.IContentHandler, PolicyHandler>();
        services.AddScoped<Contents.Services.IRestrictedContent, PolicyRestrictions>();
        services.AddScoped<IAdminBanners, PolicyBanners>();
        services.AddSingleton<PolicyReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<PolicyReminders>());
        services.AddSingleton<IRecipeStepHandler, Recipes.PolicyTemplatesStep>();
        services.AddSingleton<IRecipeStepHandler, Recipes.DefaultPoliciesStep>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, PoliciesMenu>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => PoliciesApi.Map(endpoints, apiSchemes);

    private sealed class PoliciesMenu : IAdminMenu
    {
        public IEnumerable<AdminMenuItem> Items => [new AdminMenuItem("Policies", "/admin/policies", CorePermissions.AccessAdmin, PoliciesFeature, 50) { SchoolOnly = true }];
    }
}
