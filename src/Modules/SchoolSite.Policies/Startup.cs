using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Policies.Endpoints;
using SchoolSite.Policies.Models;
using SchoolSite.Policies.Services;

namespace SchoolSite.Policies;

/// <summary>Policy pages (the social-media policy first): versioned, reviewed on schedule, acknowledged by every member of staff.</summary>
public sealed class Startup : SchoolSiteModule
{
    public override string Name => "SchoolSite.Policies";

    public override IEnumerable<FeatureDescriptor> Features => Manifest.Features;

    public override IEnumerable<MigrationSet> Migrations =>
    [
        MigrationSet.For<Migrations.M001_Policies>("Policies", MigrationScope.Tenant),
        // The trust's own wording of policy pages.
        MigrationSet.For<Migrations.Host.M001_PolicyTemplates>("Policies.Host", MigrationScope.Host),
    ];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<PoliciesDbContext>();
        services.AddTrustDbContextFactory<PoliciesTrustDbContext>();
        services.AddScoped<PolicyBook>();
        services.AddScoped<IContentHandler, PolicyHandler>();
        services.AddScoped<PolicyRestrictions>();
        services.AddScoped<IRestrictedContent>(sp => sp.GetRequiredService<PolicyRestrictions>());
        services.AddEventHandler<PolicyRestrictions>();
        services.AddScoped<IAdminBanners, PolicyBanners>();
        services.AddSingleton<SchoolSite.Notifications.Services.IWeeklySummarySection, PolicySummary>();
        services.AddSchoolJob<PolicyReminders>();
        services.AddSingleton<IRecipeStepHandler, Recipes.PolicyTemplatesStep>();
        services.AddSingleton<IRecipeStepHandler, Recipes.DefaultPoliciesStep>();
        services.AddSettingsSection<PoliciesSettings>("Policies", 70, Manifest.PoliciesFeature);
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => PoliciesApi.Map(endpoints);
}
