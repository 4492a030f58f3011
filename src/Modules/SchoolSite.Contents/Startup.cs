using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Endpoints;
using SchoolSite.Contents.Handlers;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Recipes;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Data;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;

namespace SchoolSite.Contents;

/// <summary>Content types, versioned items and the one publish path; the content API.</summary>
public sealed class Startup : SchoolSiteModule
{
    public const string ContentsFeature = "SchoolSite.Contents";

    public override string Name => "SchoolSite.Contents";

    public override IEnumerable<FeatureDescriptor> Features =>
    [
        FeatureDescriptor.Create(ContentsFeature, "Content", "Pages, news and events: content types, drafts, versions and publishing.", "Content", "SchoolSite.Admin"),
    ];

    public override IEnumerable<MigrationSet> Migrations =>
        [MigrationSet.For<Migrations.M001_Contents>("Contents", MigrationScope.Tenant)];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<ContentsDbContext>();
        services.AddScoped<ContentDefinitionStore>();
        services.AddScoped<ContentManager>();
        services.AddScoped<ContentChecks>();
        services.AddScoped<ContentAuthorization>();
        services.AddScoped<PublicRoutes>();
        services.AddSingleton<HtmlBodySanitizer>();

        // Part handlers, in the order they shape an item: title first (the path is made from it).
        services.AddScoped<IContentHandler, TitlePartHandler>();
        services.AddScoped<IContentHandler, HtmlBodyPartHandler>();
        services.AddScoped<IContentHandler, FieldsHandler>();
        services.AddScoped<IContentHandler, AutoroutePartHandler>();
        services.AddScoped<IContentHandler, MenuPartHandler>();
        services.AddScoped<SiteMenu>();

        services.AddSingleton<IRecipeStepHandler, ContentDefinitionStep>();
        services.AddSingleton<IRecipeStepHandler, ContentStep>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, ContentsMenu>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => ContentApi.Map(endpoints);

    private sealed class ContentsMenu : IAdminMenu
    {
        public IEnumerable<AdminMenuItem> Items =>
        [
            new AdminMenuItem("Content", "/admin/content", CorePermissions.AccessAdmin, ContentsFeature, 30) { SchoolOnly = true },
            new AdminMenuItem("Content types", "/admin/content-types", Permissions.ManageContentTypes, ContentsFeature, 35) { SchoolOnly = true },
        ];
    }
}
