using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Consent.Endpoints;
using SchoolSite.Consent.Models;
using SchoolSite.Consent.Recipes;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Data;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;

namespace SchoolSite.Consent;

/// <summary>The people register, consent per purpose and school year, and the consent gate every picture goes through.</summary>
public sealed class Startup(string apiSchemes) : SchoolSiteModule
{
    public const string ConsentFeature = "SchoolSite.Consent";

    public override string Name => "SchoolSite.Consent";

    public override IEnumerable<FeatureDescriptor> Features =>
        [FeatureDescriptor.Create(ConsentFeature, "Consent", "People register, consent records and the consent gate for pictures.", "Safeguarding", "SchoolSite.Admin")];

    public override IEnumerable<MigrationSet> Migrations =>
        [MigrationSet.For<Migrations.M001_People>("Consent", MigrationScope.Tenant)];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<ConsentDbContext>();
        services.AddScoped<ConsentGate>();
        services.AddScoped<PeopleRegister>();
        services.AddScoped<PeopleImport>();
        services.AddSingleton<ImportJobs>();
        services.AddScoped<Takedown>();
        services.AddScoped<ConsentLinks>();
        services.AddSingleton<LinkGuard>();
        services.AddScoped<IPeopleDirectory, PeopleDirectory>();
        services.AddSingleton<Core.Navigation.IAdminMenu, ConsentMenu>();
        services.AddScoped<ITakedownSource, ContentTakedownSource>();
        services.AddScoped<IPictureClearance>(sp => sp.GetRequiredService<ConsentGate>());
        services.AddScoped<Contents.Services.IContentHandler, Handlers.ConsentPublishingHandler>();
        services.AddScoped<PrivacyCheck>();
        services.AddScoped<Handlers.PrivacyChecker>();
        services.AddScoped<Contents.Services.IContentHandler>(sp => sp.GetRequiredService<Handlers.PrivacyChecker>());
        services.AddScoped<Contents.Services.IContentChecker>(sp => sp.GetRequiredService<Handlers.PrivacyChecker>());
        services.AddScoped<Contents.Services.IContentChecker, Handlers.PictureChecker>();
        services.AddSingleton<IRecipeStepHandler, ConsentPurposesStep>();
        services.AddSingleton<IRecipeStepHandler, PeopleStep>();
        services.AddSingleton<IRecipeStepHandler, PicturesStep>();
        services.AddSingleton<IPermissionProvider, Permissions>();
    }

    private sealed class ConsentMenu : Core.Navigation.IAdminMenu
    {
        public IEnumerable<Core.Navigation.AdminMenuItem> Items =>
        [
            new Core.Navigation.AdminMenuItem("People", "/admin/people", Permissions.ViewPeople, ConsentFeature, 45) { SchoolOnly = true },
            new Core.Navigation.AdminMenuItem("Consent", "/admin/consent", Permissions.ViewPeople, ConsentFeature, 46) { SchoolOnly = true },
        ];
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        PeopleApi.Map(endpoints, apiSchemes);
        ConsentLinksApi.Map(endpoints, apiSchemes);
        PeopleImportApi.Map(endpoints, apiSchemes);
    }
}
