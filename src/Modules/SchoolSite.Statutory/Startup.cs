using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Site.Services;
using SchoolSite.Statutory.Endpoints;
using SchoolSite.Statutory.Models;
using SchoolSite.Statutory.Services;

namespace SchoolSite.Statutory;

/// <summary>
/// What a school must publish online, kept as data: the trust's requirements (its recipe), each school's checklist
/// (which pages meet what, and when each is due for review), a public Key information page, reminders, and the
/// trust's overview across its schools.
/// </summary>
public sealed class Startup : SchoolSiteModule
{
    public override string Name => "SchoolSite.Statutory";

    public override IEnumerable<FeatureDescriptor> Features => Manifest.Features;

    public override IEnumerable<MigrationSet> Migrations =>
    [
        MigrationSet.For<Migrations.M001_Links>("Statutory", MigrationScope.Tenant),
        // The requirements and the daily counts are the trust's.
        MigrationSet.For<Migrations.Host.M001_Requirements>("Statutory.Host", MigrationScope.Host),
    ];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<StatutoryDbContext>();
        services.AddTrustDbContextFactory<StatutoryTrustDbContext>();
        services.AddScoped<RequirementCatalog>();
        services.AddEventHandler<RequirementCatalog>();
        services.AddScoped<Checklist>();
        services.AddScoped<TrustOverview>();
        services.AddScoped<IPublicListSource, KeyInformationList>();
        services.AddScoped<SchoolSite.Contents.Services.IContentEditorLinks, ChecklistEditorLink>();
        services.AddSchoolJob<StatutoryReminders>();
        services.AddSchoolJob<ComplianceSnapshots>();
        services.AddSingleton<IRecipeStepHandler, Recipes.StatutoryRequirementsStep>();
        services.AddSingleton<IRecipeStepHandler, Recipes.StatutoryLinksStep>();
        services.AddSettingsSection<StatutorySettings>("What we must publish", 60, Manifest.StatutoryFeature);
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => StatutoryApi.Map(endpoints);
}
