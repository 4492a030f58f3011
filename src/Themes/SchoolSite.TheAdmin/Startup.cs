using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;

namespace SchoolSite.TheAdmin;

/// <summary>The admin shell: layout, navigation, dashboard, the features page and the settings page that shows every module's section.</summary>
public sealed class Startup : SchoolSiteModule
{
    private static readonly byte[] Stylesheet = LoadStylesheet();

    public override string Name => "SchoolSite.TheAdmin";

    public override IEnumerable<FeatureDescriptor> Features => Manifest.Features;

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IAdminMenu, AdminMenu>();
        // Built on first use (a factory): the command line has no MVC, so the generator's own services are not there to check.
        services.AddSingleton<IHtmlGenerator>(sp => ActivatorUtilities.CreateInstance<CspHtmlGenerator>(sp));
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/assets/admin.css", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(Stylesheet, "text/css; charset=utf-8");
        }).AllowAnonymous().WithMetadata(new NoSchoolContentAttribute("the admin stylesheet"));
    }

    private static byte[] LoadStylesheet()
    {
        using var stream = typeof(Startup).Assembly.GetManifestResourceStream("SchoolSite.TheAdmin.admin.css")!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
