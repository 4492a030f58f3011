using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SchoolSite.Consent.Services;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Provisioning;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Site.Endpoints;
using SchoolSite.Site.Services;
using SchoolSite.Web;

namespace SchoolSite.Benchmarks;

/// <summary>
/// What runs on every public request, one call at a time, on a real installation set up in a temporary folder (SQLite,
/// the trust recipe, 30 schools from the demo recipe): the consent gate's decision for a picture of two pupils, the
/// privacy check of a 400-word article, resolving a school from a request's host and path, and rendering a news
/// article with its picture. Each runs in one school's scope, as in a request, with its indexes already loaded.
/// </summary>
[MemoryDiagnoser]
public class HotPaths
{
    private IHost _host = null!;
    private AsyncServiceScope _scope;
    private IPictureClearance _gate = null!;
    private PrivacyCheck _privacy = null!;
    private TenantRegistry _registry = null!;
    private string[] _people = [];
    private string _article = "";
    private DefaultHttpContext _http = null!;
    private SchoolSite.Contents.Models.ContentItem _item = null!;
    private string _folder = "";

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _folder = Directory.CreateTempSubdirectory("schoolsite-hotpaths-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = _folder });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SchoolSite:AppDataPath"] = Path.Combine(_folder, "App_Data"),
            ["SchoolSite:RecipesPath"] = Path.Combine(RepositoryRoot(), "recipes"),
            ["SchoolSite:Admin:Password"] = "hot paths trust password",
            ["SchoolSite:Demo:Enabled"] = "false",
        });
        builder.Services.AddSchoolSite(builder.Configuration, SchoolSiteHost.Modules());
        _host = builder.Build();
        var services = _host.Services;
        await services.GetRequiredService<HostSetup>().InitializeAsync(TextWriter.Null);
        for (var i = 1; i <= 30; i++)
        {
            var result = await services.GetRequiredService<TenantProvisioner>().ProvisionAsync(new TenantRequest
            {
                Name = $"school{i}", DisplayName = $"School {i}", Prefix = $"school{i}", Recipe = i == 1 ? "demo-school" : "school-site",
                AdminEmail = $"head@school{i}.example", AdminPassword = "hot paths head password",
            });
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Describe());
            }
        }
        _registry = services.GetRequiredService<TenantRegistry>();
        _scope = await services.GetRequiredService<TenantScopes>().EnterAsync(_registry.Find("school1")!);
        _gate = _scope.ServiceProvider.GetRequiredService<IPictureClearance>();
        _privacy = _scope.ServiceProvider.GetRequiredService<PrivacyCheck>();
        var register = _scope.ServiceProvider.GetRequiredService<SchoolSite.Consent.Models.ConsentDbContext>();
        _people = register.People.Where(p => p.ExternalId == "DEMO001" || p.ExternalId == "DEMO002").Select(p => p.Id).ToArray();
        _article = string.Concat(Enumerable.Repeat("Our pupils worked hard on their projects this week and shared them with parents. ", 28))
            + "Well done to Oliver Patel, aged 9, for his rocket.";
        _http = new DefaultHttpContext { RequestServices = _scope.ServiceProvider };
        _http.Request.Scheme = "http";
        _http.Request.Host = new HostString("localhost");
        _http.Request.PathBase = "/school1";
        _item = (await _scope.ServiceProvider.GetRequiredService<ContentManager>().GetAsync("newsscience", VersionOption.Published))!;
        // Load every index once, as the first request would.
        await GateDecision();
        await PrivacyCheckOfAnArticle();
        await RenderNewsArticle();
    }

    [Benchmark]
    public async Task<bool> GateDecision() => (await _gate.DecideAsync(_people, "website")).Cleared;

    [Benchmark]
    public async Task<int> PrivacyCheckOfAnArticle() => (await _privacy.CheckAsync(_article)).Count;

    [Benchmark]
    public TenantInfo? TenantResolution() => _registry.Resolve("localhost", "/school17/news/sports-day")?.Tenant;

    [Benchmark]
    public async Task<int> RenderNewsArticle()
    {
        var services = _scope.ServiceProvider;
        var html = await PublicSite.RenderItemAsync(_http, _item, services.GetRequiredService<ViewBuilder>(), services.GetRequiredService<ThemeRenderer>(),
            services.GetRequiredService<PublishedLists>(), services.GetRequiredService<PublicationPolicy>(), services.GetRequiredService<ContentDefinitionStore>(),
            services.GetRequiredService<TenantContext>(), services.GetRequiredService<TimeProvider>());
        return html.Length;
    }

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        await _scope.DisposeAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SchoolSite.slnx")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("The repository (SchoolSite.slnx) is not above the benchmarks.");
    }
}
