using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using SchoolSite.Core.Cluster;
using SchoolSite.Core.Cluster.Redis;
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
        new SchoolSite.Statutory.Startup(),
    ];

    /// <summary>
    /// The web host's builder. Its content root (where appsettings.json and App_Data are) is the folder it is started in
    /// when that holds the app's settings (<c>dotnet run</c> starts in the project folder), else the app's own folder, so
    /// that starting the built app from anywhere finds its settings; <c>--contentRoot</c> or ASPNETCORE_CONTENTROOT still decide.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
        => WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
                || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }
                ? null
                : ContentRoot(Directory.GetCurrentDirectory()),
        });

    /// <summary>The working directory when it holds the app's settings, else the folder the app runs from.</summary>
    public static string ContentRoot(string workingDirectory)
        => File.Exists(Path.Combine(workingDirectory, "appsettings.json")) ? workingDirectory : AppContext.BaseDirectory;

    /// <summary>Database commands are logged only when the configuration asks for them: at Information they are every SQL statement.</summary>
    public static void QuietDatabaseLogs(IConfiguration configuration, ILoggingBuilder logging)
    {
        foreach (var category in new[] { "Microsoft.EntityFrameworkCore", "FluentMigrator" })
        {
            if (configuration[$"Logging:LogLevel:{category}"] is null)
            {
                logging.AddFilter(category, LogLevel.Warning);
            }
        }
    }

    public static void AddSchoolSiteHost(this WebApplicationBuilder builder)
    {
        QuietDatabaseLogs(builder.Configuration, builder.Logging);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://localhost:5000");
        }
        builder.AddSchoolSiteTelemetry();
        var services = builder.Services;
        services.AddSchoolSite(builder.Configuration, Modules());
        services.AddTransportSecurity();
        var keyRing = services.AddDataProtection().SetApplicationName("SchoolSite");
        if (ClusterServices.HasRedis(builder.Configuration))
        {
            // One key ring for every node: a cookie or form token issued by one node is good on the others.
            services.AddOptions<KeyManagementOptions>().Configure<RedisLink>((options, link) =>
                options.XmlRepository = new RedisXmlRepository(() => link.Multiplexer.GetDatabase(), "schoolsite:keyring:web"));
        }
        else
        {
            keyRing.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(
                Path.GetFullPath(builder.Configuration["SchoolSite:AppDataPath"] ?? "App_Data", builder.Environment.ContentRootPath), "DataProtection-Keys")));
        }
        services.AddAuthorization(options =>
            // Secure by construction: an endpoint that does not say [AllowAnonymous] needs a signed-in user.
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        // The admin runs no script, so client-side validation does nothing; left on, every validation summary carries
        // an inline style="display:none" that the strict CSP blocks and reports on each form page.
        services.AddRazorPages().AddViewOptions(options => options.HtmlHelperOptions.ClientValidationEnabled = false);
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options => options.Filters.Add(new TextLimitsPageFilter()));
        services.AddProblemDetails();
        services.AddHostedService<HostSetupService>();
        services.AddHostedService<TenantRegistryWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<SchoolJobs>());
        services.AddSingleton<IdleShells>();
        services.AddHostedService(sp => sp.GetRequiredService<IdleShells>());
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
        HealthEndpoints.Map(app);
        HomeEndpoints.Map(app);
    }
}

/// <summary>Sets up the host before the server takes requests: first run, migrations, demo school.</summary>
internal sealed class HostSetupService(HostSetup setup) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => setup.InitializeAsync(Console.Out, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
