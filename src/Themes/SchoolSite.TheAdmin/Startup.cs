using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;

namespace SchoolSite.TheAdmin;

/// <summary>The admin shell: layout, navigation, dashboard, features and site settings pages.</summary>
public sealed class Startup : SchoolSiteModule
{
    public const string AdminFeature = "SchoolSite.Admin";
    public const string SettingsFeature = "SchoolSite.Settings";

    private static readonly byte[] Stylesheet = LoadStylesheet();

    public override string Name => "SchoolSite.TheAdmin";

    public override IEnumerable<FeatureDescriptor> Features =>
    [
        FeatureDescriptor.Create(AdminFeature, "Admin dashboard", "The admin shell: layout, navigation and dashboard.", "Admin", "SchoolSite.Users")
            with { IsAlwaysEnabled = true },
        FeatureDescriptor.Create(SettingsFeature, "Site settings", "Name, branding, contact details, school year and clock.", "Admin", AdminFeature),
    ];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
        => services.AddSingleton<IAdminMenu, AdminMenu>();

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/assets/admin.css", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(Stylesheet, "text/css; charset=utf-8");
        }).AllowAnonymous();
    }

    private static byte[] LoadStylesheet()
    {
        using var stream = typeof(Startup).Assembly.GetManifestResourceStream("SchoolSite.TheAdmin.admin.css")!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private sealed class AdminMenu : IAdminMenu
    {
        public IEnumerable<AdminMenuItem> Items =>
        [
            new("Dashboard", "/admin", CorePermissions.AccessAdmin, AdminFeature, 0),
            new("Settings", "/admin/settings", CorePermissions.ManageSettings, SettingsFeature, 90),
            new("Features", "/admin/features", CorePermissions.ManageFeatures, AdminFeature, 95),
        ];
    }
}
