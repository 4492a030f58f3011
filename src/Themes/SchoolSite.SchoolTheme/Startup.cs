using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Data;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;
using SchoolSite.SchoolTheme.Endpoints;
using SchoolSite.SchoolTheme.Models;
using SchoolSite.SchoolTheme.Services;

namespace SchoolSite.SchoolTheme;

/// <summary>The public school site in Liquid: templates a school can override, branding, cached pages.</summary>
public sealed class Startup : SchoolSiteModule
{
    public const string ThemeFeature = "SchoolSite.Theme";
    public const string ManageTemplates = "ManageTemplates";

    public static readonly string Stylesheet = LoadStylesheet();

    public override string Name => "SchoolSite.SchoolTheme";

    public override IEnumerable<FeatureDescriptor> Features =>
    [
        FeatureDescriptor.Create(ThemeFeature, "School theme", "The public website: pages, news, events, feed and sitemap.", "Content", Contents.Startup.ContentsFeature),
    ];

    public override IEnumerable<MigrationSet> Migrations =>
        [MigrationSet.For<Migrations.M001_Templates>("SchoolTheme", MigrationScope.Tenant)];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<ThemeDbContext>();
        services.AddSingleton<ThemeTemplates>();
        services.AddScoped<ThemeRenderer>();
        services.AddScoped<ViewBuilder>();
        services.AddScoped<CacheEviction>();
        services.AddScoped<IContentHandler>(sp => sp.GetRequiredService<CacheEviction>());
        services.AddScoped<ISiteSettingsObserver>(sp => sp.GetRequiredService<CacheEviction>());
        services.AddScoped<Core.Security.IPictureObserver>(sp => sp.GetRequiredService<CacheEviction>());
        services.AddOutputCache(options => options.AddPolicy(PublicPageCache.PolicyName, new PublicPageCache()));
        services.AddSingleton<IPermissionProvider, ThemePermissions>();
        services.AddSingleton<IAdminMenu, ThemeMenu>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        PublicSite.Map(endpoints);
        endpoints.MapGet("/preview/{id}", PreviewAsync)
            .WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(ThemeFeature))
            .RequireAuthorization();
    }

    /// <summary>The latest version of an item, exactly as the public page will show it once published.</summary>
    private static async Task<IResult> PreviewAsync(string id, HttpContext http, ContentManager content, ContentAuthorization rights,
        ViewBuilder views, ThemeRenderer renderer, ContentDefinitionStore definitions, TenantContext tenant)
    {
        var item = await content.GetAsync(id, VersionOption.Latest);
        if (item is null)
        {
            return Results.NotFound();
        }
        if (!await rights.CanAsync(http.User, ContentAction.Preview, item))
        {
            return Results.Forbid();
        }
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers["X-Robots-Tag"] = "noindex";
        return Results.Content(await PublicSite.RenderItemAsync(http, item, views, renderer, content, definitions, tenant), "text/html; charset=utf-8");
    }

    private static string LoadStylesheet()
    {
        using var stream = typeof(Startup).Assembly.GetManifestResourceStream("SchoolSite.SchoolTheme.site.css")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed class ThemePermissions : IPermissionProvider
    {
        public IEnumerable<Permission> Permissions => [new(ManageTemplates, "Change the site's templates", "Content")];

        public IEnumerable<PermissionStereotype> Stereotypes => [];
    }

    private sealed class ThemeMenu : IAdminMenu
    {
        public IEnumerable<AdminMenuItem> Items =>
            [new AdminMenuItem("Templates", "/admin/templates", ManageTemplates, ThemeFeature, 60) { SchoolOnly = true }];
    }
}
