using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Media.Endpoints;
using SchoolSite.Media.Handlers;
using SchoolSite.Media.Models;
using SchoolSite.Media.Services;

namespace SchoolSite.Media;

/// <summary>The media library: the upload pipeline that strips metadata, per-school file storage, media served through the app.</summary>
public sealed class Startup : SchoolSiteModule
{
    public override string Name => "SchoolSite.Media";

    public override IEnumerable<FeatureDescriptor> Features => Manifest.Features;

    public override IEnumerable<MigrationSet> Migrations =>
        [MigrationSet.For<Migrations.M001_MediaItems>("Media", MigrationScope.Tenant)];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<MediaDbContext>();
        services.AddSingleton<ImagePipeline>();
        // One gate for the whole process (every school shares the host's memory); a wrong setting stops the host starting.
        services.AddSingleton(new ProcessingGate(configuration.GetValue(ProcessingGate.Setting, Environment.ProcessorCount)));
        AddFileStore(services, configuration);
        services.AddHealthChecks().AddCheck<MediaStoreHealth>("media", tags: [SchoolSite.Core.Diagnostics.HealthTags.Ready]);
        services.AddSchoolJob<MediaFileSweep>();
        services.AddScoped<MediaLibrary>();
        services.AddScoped<MediaPictures>();
        services.AddEventHandler<MediaPictures>();
        services.AddScoped<IAdminBanners, WaitingChangesBanner>();
        services.AddScoped<IContentChecker, WaitingChangesChecker>();
        services.AddSettingsSection<MediaSettings>("Pictures", 40, Manifest.MediaFeature);
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => MediaApi.Map(endpoints);

    /// <summary>
    /// <c>SchoolSite:Media:Store</c>: <c>Local</c> (the default, App_Data on this node's disk) or <c>AzureBlob</c> (with
    /// <c>SchoolSite:Media:AzureBlob:ConnectionString</c> and optionally <c>:Container</c>), for several nodes. A store
    /// named but not set up stops the host starting, with the setting to fix.
    /// </summary>
    private static void AddFileStore(IServiceCollection services, IConfiguration configuration)
    {
        var store = configuration["SchoolSite:Media:Store"];
        if (string.IsNullOrEmpty(store) || string.Equals(store, "Local", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IMediaFileStore, FileSystemMediaStore>();
            return;
        }
        if (!string.Equals(store, "AzureBlob", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"SchoolSite:Media:Store is '{store}': it must be Local or AzureBlob.");
        }
        var connection = configuration["SchoolSite:Media:AzureBlob:ConnectionString"] is { Length: > 0 } set ? set
            : throw new InvalidOperationException("SchoolSite:Media:Store is AzureBlob but SchoolSite:Media:AzureBlob:ConnectionString is not set.");
        var container = configuration["SchoolSite:Media:AzureBlob:Container"] is { Length: > 0 } name ? name : "schoolsite-media";
        services.AddSingleton(new Azure.Storage.Blobs.BlobContainerClient(connection, container));
        services.AddSingleton<IMediaFileStore, BlobMediaStore>();
    }
}
