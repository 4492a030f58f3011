using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Data;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Media.Endpoints;
using SchoolSite.Media.Models;
using SchoolSite.Media.Services;

namespace SchoolSite.Media;

/// <summary>The media library: the upload pipeline that strips metadata, per-school file storage, media served through the app.</summary>
public sealed class Startup(string apiSchemes) : SchoolSiteModule
{
    public const string MediaFeature = "SchoolSite.Media";

    public override string Name => "SchoolSite.Media";

    public override IEnumerable<FeatureDescriptor> Features =>
        [FeatureDescriptor.Create(MediaFeature, "Media", "Upload pictures and documents; metadata is removed from every image.", "Content", "SchoolSite.Admin")];

    public override IEnumerable<MigrationSet> Migrations =>
        [MigrationSet.For<Migrations.M001_MediaItems>("Media", MigrationScope.Tenant)];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<MediaDbContext>();
        services.AddSingleton<ImagePipeline>();
        services.AddSingleton<IMediaFileStore, FileSystemMediaStore>();
        services.AddScoped<MediaLibrary>();
        services.AddScoped<MediaPictures>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<Core.Navigation.IAdminMenu, MediaMenu>();
    }

    private sealed class MediaMenu : Core.Navigation.IAdminMenu
    {
        public IEnumerable<Core.Navigation.AdminMenuItem> Items =>
            [new Core.Navigation.AdminMenuItem("Media", "/admin/media", Permissions.UploadMedia, MediaFeature, 40) { SchoolOnly = true }];
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => MediaApi.Map(endpoints, apiSchemes);
}
