using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Data;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;
using SchoolSite.Tenants.Endpoints;
using SchoolSite.Tenants.Models;
using SchoolSite.Tenants.Services;

namespace SchoolSite.Tenants;

/// <summary>The trust dashboard: the registry of school sites, provisioning by form and API, API keys.</summary>
public sealed class Startup : SchoolSiteModule
{
    public override string Name => "SchoolSite.Tenants";

    public override IEnumerable<FeatureDescriptor> Features => Manifest.Features;

    public override IEnumerable<MigrationSet> Migrations =>
        [MigrationSet.For<Migrations.M001_ApiKeys>("Tenants", MigrationScope.Host)];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<TrustDbContext>((sp, options) =>
            sp.GetRequiredService<TenantDatabases>().Configure(options, TenantDatabases.HostTenantName));
        services.AddScoped<ApiKeys>();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => TenantsApi.Map(endpoints);
}
