using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Endpoints;
using SchoolSite.Contents.Handlers;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Recipes;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;

namespace SchoolSite.Contents;

/// <summary>Content types, versioned items and the one publish path; the content API.</summary>
public sealed class Startup : SchoolSiteModule
{
    public override string Name => "SchoolSite.Contents";

    public override IEnumerable<FeatureDescriptor> Features => Manifest.Features;

    public override IEnumerable<MigrationSet> Migrations =>
        [MigrationSet.For<Migrations.M001_Contents>("Contents", MigrationScope.Tenant)];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<ContentsDbContext>();
        services.AddScoped<ContentDefinitionStore>();
        services.AddEventHandler<ContentDefinitionStore>();
        services.AddScoped<ContentManager>();
        services.AddScoped<ContentQueries>();
        services.AddScoped<ContentChecks>();
        services.AddScoped<ContentAuthorization>();
        services.AddSingleton<HtmlBodySanitizer>();

        // The editor: links checked against the school's addresses (a warning, shown with the other checks).
        services.AddScoped<LinkCheck>();
        services.AddScoped<IContentChecker, LinkChecker>();

        // The parts: each handler declares when it runs (title first: the address is made from it).
        services.AddScoped<IContentHandler, ValueTypesHandler>();
        services.AddScoped<IContentHandler, TextLimitsHandler>();
        services.AddScoped<IContentHandler, TitlePartHandler>();
        services.AddScoped<IContentHandler, HtmlBodyPartHandler>();
        services.AddScoped<IContentHandler, FieldsHandler>();
        services.AddScoped<IContentHandler, AutoroutePartHandler>();
        services.AddScoped<IContentHandler, MenuPartHandler>();

        services.AddSingleton<IRecipeStepHandler, ContentDefinitionStep>();
        services.AddSingleton<IRecipeStepHandler, ContentStep>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ContentApi.Map(endpoints);
        EditorApi.Map(endpoints);
        EditorAssets.Map(endpoints);
    }
}
