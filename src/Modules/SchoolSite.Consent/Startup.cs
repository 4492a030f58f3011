using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Consent.Endpoints;
using SchoolSite.Consent.Handlers;
using SchoolSite.Consent.Models;
using SchoolSite.Consent.Recipes;
using SchoolSite.Consent.Services;
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

namespace SchoolSite.Consent;

/// <summary>The people register, consent per purpose and school year, and the consent gate every picture goes through.</summary>
public sealed class Startup : SchoolSiteModule
{
    public override string Name => "SchoolSite.Consent";

    public override IEnumerable<FeatureDescriptor> Features => Manifest.Features;

    public override IEnumerable<MigrationSet> Migrations =>
        [MigrationSet.For<Migrations.M001_People>("Consent", MigrationScope.Tenant)];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<ConsentDbContext>();

        // The gate and the privacy check: in-memory indexes of the register, refreshed by its events.
        services.AddScoped<ConsentGate>();
        services.AddScoped<IPictureClearance>(sp => sp.GetRequiredService<ConsentGate>());
        services.AddEventHandler<ConsentGate>();
        services.AddScoped<PrivacyCheck>();
        services.AddEventHandler<PrivacyCheck>();

        services.AddScoped<PeopleRegister>();
        services.AddScoped<PeopleImport>();
        services.AddSingleton<ImportJobs>();
        services.AddScoped<PeopleDirectory>();
        services.AddScoped<IPeopleDirectory>(sp => sp.GetRequiredService<PeopleDirectory>());
        services.AddScoped<ConsentLinks>();
        services.AddSingleton<LinkGuard>();
        services.AddScoped<Takedown>();
        services.AddSchoolJob<TakedownChecksJob>();
        services.AddScoped<ConsentRounds>();
        services.AddSchoolJob<ConsentRoundMail>();
        services.AddScoped<ContentTakedownSource>();
        services.AddScoped<ITakedownSource>(sp => sp.GetRequiredService<ContentTakedownSource>());
        services.AddScoped<Rollover>();
        services.AddSingleton<SchoolSite.Notifications.Services.IWeeklySummarySection, ConsentSummary>();
        services.AddScoped<IAdminBanners, TakedownBanner>();

        // Before publishing: the publish gate for pictures and the privacy check; for editors: each picture's standing.
        services.AddScoped<IContentHandler, ConsentPublishingHandler>();
        services.AddScoped<PrivacyChecker>();
        services.AddScoped<IContentHandler>(sp => sp.GetRequiredService<PrivacyChecker>());
        services.AddScoped<IContentChecker>(sp => sp.GetRequiredService<PrivacyChecker>());
        services.AddScoped<IContentChecker, PictureChecker>();

        services.AddSingleton<IRecipeStepHandler, ConsentPurposesStep>();
        services.AddSingleton<IRecipeStepHandler, PeopleStep>();
        services.AddSingleton<IRecipeStepHandler, PicturesStep>();
        services.AddSettingsSection<ConsentSettings>("Privacy check", 50, Manifest.ConsentFeature);
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        PeopleApi.Map(endpoints);
        CarersApi.Map(endpoints);
        ConsentRoundsApi.Map(endpoints);
        ConsentLinksApi.Map(endpoints);
        PeopleImportApi.Map(endpoints);
    }
}
