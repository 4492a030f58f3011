using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Site.Endpoints;
using SchoolSite.Site.Models;
using SchoolSite.Site.Services;

namespace SchoolSite.Site;

/// <summary>
/// The public website's behaviour, whatever theme draws it: its addresses, pages, lists, feed and sitemap,
/// the previews, the publication policy every public page asks (restricted items, the picture render
/// gate), output caching kept true by the school's event path, and the schools' own templates.
/// </summary>
public sealed class Startup : SchoolSiteModule
{
    public override string Name => "SchoolSite.Site";

    public override IEnumerable<FeatureDescriptor> Features => Manifest.Features;

    // The version table keeps the name it had when templates belonged to the theme.
    public override IEnumerable<MigrationSet> Migrations =>
        [MigrationSet.For<Migrations.M001_Templates>("SchoolTheme", MigrationScope.Tenant)];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<TemplatesDbContext>();

        // Themes, and rendering under limits.
        services.AddSingleton<ThemeTemplates>();
        services.AddSingleton<ThemeCatalog>();
        services.AddScoped<ThemeRenderer>();
        services.AddEventHandler<ThemeRenderer>();

        // What a visitor may see, and how pages are built from it.
        services.AddScoped<PublicationPolicy>();
        services.AddScoped<IPublicationPolicy>(sp => sp.GetRequiredService<PublicationPolicy>());
        services.AddScoped<PublicRoutes>();
        services.AddEventHandler<PublicRoutes>();
        services.AddScoped<PublishedLists>();
        services.AddEventHandler<PublishedLists>();
        services.AddScoped<SiteMenu>();
        services.AddScoped<ViewBuilder>();
        services.AddScoped<SiteLogo>();

        // Cached pages, evicted by the school's events.
        services.AddOutputCache(options => options.AddPolicy(PublicPageCache.PolicyName, new PublicPageCache()));
        services.AddSingleton<BenchCacheBypass>();
        services.AddEventHandler<PageCacheEviction>();

        services.AddSettingsSection<PublicSiteSettings>("Public website", 10, Manifest.SiteFeature);
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        var site = endpoints.MapGroup(string.Empty)
            .WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Manifest.SiteFeature))
            .AllowAnonymous();
        Feeds.Map(site);
        PublicSite.Map(site);
        Files.Map(endpoints);
        Preview.Map(endpoints);
    }
}
