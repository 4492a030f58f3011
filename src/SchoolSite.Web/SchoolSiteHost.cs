using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using SchoolSite.Core.Data;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Tenancy;
using SchoolSite.Web.Endpoints;

namespace SchoolSite.Web;

/// <summary>The host's wiring, read top to bottom: modules, services, then the request pipeline.</summary>
public static class SchoolSiteHost
{
    /// <summary>
    /// The modules of this installation. Their order does not matter: features name their dependencies,
    /// content handlers and event handlers say when they run.
    /// </summary>
    public static SchoolSiteModule[] Modules() =>
    [
        new SchoolSite.Users.Startup(),
        new SchoolSite.TheAdmin.Startup(),
        new SchoolSite.Tenants.Startup(),
        new SchoolSite.Contents.Startup(),
        new SchoolSite.Site.Startup(),
        new SchoolSite.Media.Startup(),
        new SchoolSite.Consent.Startup(),
        new SchoolSite.Notifications.Startup(),
        new SchoolSite.Workflows.Startup(),
        new SchoolSite.AuditTrail.Startup(),
        new SchoolSite.Policies.Startup(),
    ];

    public static void AddSchoolSiteHost(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://localhost:5000");
        }
        var services = builder.Services;
        services.AddSchoolSite(builder.Configuration, Modules());
        services.AddTransportSecurity();
        services.AddDataProtection()
            .SetApplicationName("SchoolSite")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(
                Path.GetFullPath(builder.Configuration["SchoolSite:AppDataPath"] ?? "App_Data", builder.Environment.ContentRootPath), "DataProtection-Keys")));
        services.AddAuthorization(options =>
            // Secure by construction: an endpoint that does not say [AllowAnonymous] needs a signed-in user.
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddRazorPages();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options => options.Filters.Add(new TextLimitsPageFilter()));
        services.AddProblemDetails();
        services.AddHostedService<HostSetupService>();
        services.AddHostedService<TenantRegistryWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<SchoolJobs>());
    }

    public static void UseSchoolSite(this WebApplication app)
    {
        app.UseTransportSecurity();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler();
        }
        app.UseStatusCodePages();
        app.UseMiddleware<TenantResolutionMiddleware>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<ForgeryProtectionMiddleware>();
        app.UseMiddleware<FeatureGateMiddleware>();
        app.UseAuthorization();
        app.UseOutputCache();

        app.MapRazorPages();
        foreach (var module in app.Services.GetServices<SchoolSiteModule>())
        {
            module.MapEndpoints(app);
        }
        HomeEndpoints.Map(app);
    }
}

/// <summary>Sets up the host before the server takes requests: first run, migrations, demo school.</summary>
internal sealed class HostSetupService(HostSetup setup) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => setup.InitializeAsync(Console.Out, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
