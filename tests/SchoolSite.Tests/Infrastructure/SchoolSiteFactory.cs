using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SchoolSite.Core.Provisioning;
using SchoolSite.Core.Modules;

namespace SchoolSite.Tests.Infrastructure;

/// <summary>
/// A whole SchoolSite installation in the test process: its own App_Data folder, its own recipes folder
/// (the project's recipes plus any a test adds) and its own databases on the chosen engine.
/// </summary>
public class SchoolSiteFactory : WebApplicationFactory<Program>
{
    public const string TrustAdminEmail = "trust-admin@trust.example";
    public const string TrustAdminPassword = "trust admin password 1";

    public SchoolSiteFactory(string provider, params SchoolSiteModule[] extraModules)
    {
        _extraModules = extraModules;
        Provider = provider;
        Root = Directory.CreateTempSubdirectory("schoolsite-test-").FullName;
        AppData = Path.Combine(Root, "App_Data");
        RecipesFolder = Path.Combine(Root, "recipes");
        Directory.CreateDirectory(RecipesFolder);
        foreach (var file in Directory.EnumerateFiles(RepositoryRecipes, "*.recipe.json"))
        {
            File.Copy(file, Path.Combine(RecipesFolder, Path.GetFileName(file)));
        }
        HostDatabase = "ss_" + Guid.NewGuid().ToString("N")[..12];
        OwnsData = true;
    }

    /// <summary>A second host on the same installation (App_Data, recipes, databases), e.g. after an upgrade.</summary>
    protected SchoolSiteFactory(SchoolSiteFactory installation)
    {
        Provider = installation.Provider;
        Root = installation.Root;
        AppData = installation.AppData;
        RecipesFolder = installation.RecipesFolder;
        HostDatabase = installation.HostDatabase;
    }

    /// <summary>Whether disposing this host removes the installation's files and databases.</summary>
    private bool OwnsData { get; }

    public string Provider { get; }
    public string Root { get; }
    public string AppData { get; }
    public string RecipesFolder { get; }
    public string HostDatabase { get; }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();
    public static string RepositoryRecipes => Path.Combine(RepositoryRoot, "recipes");

    /// <summary>The settings the web host and the CLI share for this installation.</summary>
    public IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["SchoolSite:AppDataPath"] = AppData,
                ["SchoolSite:RecipesPath"] = RecipesFolder,
                ["SchoolSite:Hosts:0"] = "localhost",
                ["SchoolSite:Demo:Enabled"] = "false",
                ["SchoolSite:Admin:Email"] = TrustAdminEmail,
                ["SchoolSite:Admin:Password"] = TrustAdminPassword,
                ["SchoolSite:Database:Provider"] = Provider,
                // Tests arrange their staff with known passwords on the users page; a school as shipped invites by
                // e-mail instead (the account tests turn this off to see that).
                ["SchoolSite:Users:AdministratorsSetPasswords"] = "true",
            };
            foreach (var (key, value) in Extra)
            {
                settings[key] = value;
            }
            if (Provider == TestDatabase.PostgreSql)
            {
                settings["SchoolSite:Database:ConnectionString"] =
                    new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = HostDatabase }.ConnectionString;
            }
            return settings;
        }
    }

    /// <summary>Settings a test adds before the host starts (e.g. the SMTP sink's port).</summary>
    public Dictionary<string, string?> Extra { get; } = new();

    private readonly SchoolSiteModule[] _extraModules = [];

    /// <summary>Extra modules a test needs (e.g. features with a dependency chain).</summary>
    protected virtual IEnumerable<SchoolSiteModule> ExtraModules => _extraModules;

    /// <summary>Provisions a school (by default the standard site without review before publishing), failing the test if that does not work.</summary>
    public async Task CreateSchoolAsync(string name, string displayName, string? prefix, IReadOnlyList<string>? hosts = null,
        string adminPassword = TwoSchoolsFixture.AdminPassword, string recipe = "school-site")
    {
        var result = await Services.GetRequiredService<TenantProvisioner>().ProvisionAsync(new TenantRequest
        {
            Name = name, DisplayName = displayName, Prefix = prefix, Hosts = hosts, Recipe = recipe,
            AdminEmail = $"head@{name}.example", AdminPassword = adminPassword,
        });
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not provision {name}: {result.Describe()}");
        }
    }

    public void AddRecipe(string name, string json) => File.WriteAllText(Path.Combine(RecipesFolder, name + ".recipe.json"), json);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // As host settings too: the app's builder reads some while it registers services (the media store, telemetry),
        // before configuration added here would reach it.
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(Settings));
        builder.ConfigureTestServices(services =>
        {
            foreach (var module in ExtraModules)
            {
                services.AddSingleton(module);
                module.ConfigureServices(services, new ConfigurationBuilder().Build());
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!OwnsData)
        {
            GC.SuppressFinalize(this);
            return;
        }
        if (Provider == TestDatabase.PostgreSql)
        {
            TestDatabase.DropAll(HostDatabase);
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp folder; it does not affect other tests.
        }
        GC.SuppressFinalize(this);
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SchoolSite.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Could not find the repository root (SchoolSite.slnx).");
    }
}
