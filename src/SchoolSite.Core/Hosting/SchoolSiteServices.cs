using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SchoolSite.Core.Cluster;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Provisioning;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Recipes.Steps;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Hosting;

public static class SchoolSiteServices
{
    /// <summary>
    /// The kernel and the given modules in one container for every tenant. Used by the web host and
    /// the CLI alike, so both see the same App_Data and configuration.
    /// </summary>
    public static IServiceCollection AddSchoolSite(this IServiceCollection services, IConfiguration configuration, params SchoolSiteModule[] modules)
    {
        services.Configure<SchoolSiteOptions>(configuration.GetSection("SchoolSite"));
        services.Configure<DatabaseOptions>(configuration.GetSection("SchoolSite:Database"));
        services.TryAddSingleton(TimeProvider.System);
        services.AddCluster(configuration);

        services.AddSingleton<AppDataFolder>();
        services.AddSingleton<TenantDatabases>();
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<FeatureCatalog>();
        services.AddSingleton<TenantRegistry>();
        services.AddSingleton<TenantShells>();
        services.AddSingleton<TenantScopes>();
        services.AddSingleton<RecipeLibrary>();
        services.AddSingleton<RecipeValidator>();
        services.AddSingleton<RecipeExecutor>();
        services.AddSingleton<TenantProvisioner>();
        services.AddSingleton<HostClaims>();
        services.AddSingleton<PermissionCatalog>();
        services.AddSingleton<IPermissionProvider, CorePermissions>();
        services.AddSingleton<HostSetup>();
        services.AddSingleton<SettingsSections>();
        services.AddSettingsSection<SiteSettings>("School", 0);
        services.AddSettingsSection<ResponsibilitySettings>("Who is responsible", 5);
        services.AddSingleton<SchoolJobs>();
        services.AddSingleton<JobAlarms>();
        services.AddSingleton<Diagnostics.MigrationsHealth>();
        services.AddHealthChecks()
            .AddCheck<Diagnostics.DatabaseHealth>("database", tags: [Diagnostics.HealthTags.Ready])
            .AddCheck<Diagnostics.MigrationsHealth>("migrations", tags: [Diagnostics.HealthTags.Ready])
            .AddCheck<Diagnostics.NodeLinkHealth>("redis", tags: [Diagnostics.HealthTags.Ready]);

        services.AddScoped<TenantContext>();
        services.AddScoped<TenantFeatures>();
        services.AddScoped<SettingsStore>();
        services.AddScoped<SchoolEvents>();
        services.AddScoped<AdminNavigation>();

        services.AddDbContext<HostDbContext>((sp, options) =>
            sp.GetRequiredService<TenantDatabases>().Configure(options, TenantDatabases.HostTenantName));
        services.AddTenantDbContext<SiteDbContext>();

        services.AddSingleton<IRecipeStepHandler, FeatureStep>();
        services.AddSingleton<IRecipeStepHandler, SettingsStep>();
        services.AddSingleton<IRecipeStepHandler, RecipesStep>();

        services.AddSingleton<Microsoft.AspNetCore.Routing.MatcherPolicy, TenantKindMatcherPolicy>();
        // The CLI too: services that check permissions (and event handlers that hold them) work without a web host.
        services.AddAuthorizationCore();
        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();

        services.AddSingleton<SchoolSiteModule>(new CoreModule());
        foreach (var module in modules)
        {
            services.AddSingleton(module);
            module.ConfigureServices(services, configuration);
        }
        return services;
    }

    /// <summary>A module's tables in the trust's (host) database, reached from any school's scope: a factory, never the scope's tenant.</summary>
    public static IServiceCollection AddTrustDbContextFactory<TContext>(this IServiceCollection services) where TContext : DbContext
        => services.AddDbContextFactory<TContext>((sp, options) =>
            sp.GetRequiredService<TenantDatabases>().Configure(options, TenantDatabases.HostTenantName));

    /// <summary>
    /// A module's DbContext on the current tenant's database. Its options are built once per school and kept with the
    /// school's shell (so they go when the school is unloaded), not on every request.
    /// </summary>
    public static IServiceCollection AddTenantDbContext<TContext>(this IServiceCollection services) where TContext : DbContext
    {
        services.AddDbContext<TContext>((sp, options) =>
            sp.GetRequiredService<TenantDatabases>().Configure(options, sp.GetRequiredService<TenantContext>().Tenant.Name));
        services.TryAddSingleton<TenantDbOptions>();
        services.Replace(ServiceDescriptor.Scoped(sp => sp.GetRequiredService<TenantDbOptions>().For<TContext>(sp.GetRequiredService<TenantContext>())));
        return services;
    }
}

/// <summary>The kernel's own schema: the registry on the host, features and settings everywhere.</summary>
internal sealed class CoreModule : SchoolSiteModule
{
    public override string Name => "SchoolSite.Core";

    public override IEnumerable<FeatureDescriptor> Features => [];

    public override IEnumerable<MigrationSet> Migrations =>
    [
        MigrationSet.For<Migrations.Host.M001_TenantRegistry>("Core.Host", MigrationScope.Host),
        MigrationSet.For<Migrations.Tenant.M001_FeaturesAndSettings>("Core", MigrationScope.Tenant),
    ];
}
