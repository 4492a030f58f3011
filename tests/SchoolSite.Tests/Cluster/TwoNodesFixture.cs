using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Npgsql;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Cluster;

/// <summary>
/// An installation on two web nodes, as a trust that cannot afford an outage runs it: two real Kestrel processes of the
/// built host, each with its own App_Data folder (no shared disk), on one PostgreSQL server, one Redis and one Azurite,
/// sending mail to one SMTP sink. The operator makes a trust API key with the command line; the trust's program creates
/// two schools through node A's API: Oak from the standard site (publishing straight away) and Elm from the complete
/// school recipe (two-stage review), with its staff added on Elm's users page.
/// </summary>
public sealed class TwoNodesFixture : IAsyncLifetime
{
    public const string Oak = "/oak";
    public const string Elm = "/elm";
    public const string HeadEmail = "head@nodes.example";
    public const string HeadPassword = "two nodes head password";
    public const string StaffPassword = "two nodes staff password";

    public static readonly (string Email, string Name, string Role)[] ElmStaff =
    [
        ("contributor@elm.example", "Cara Contributor", "Contributor"),
        ("editor@elm.example", "Eddie Editor", "Editor"),
        ("leader@elm.example", "Lena Leader", "SeniorLeader"),
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("schoolsite-nodes-").FullName;
    private readonly string _database = "nodes_" + Guid.NewGuid().ToString("N")[..10];

    public SmtpSink Mail { get; } = new();

    public ServiceProcess Redis { get; private set; } = null!;

    public ServiceProcess Azurite { get; private set; } = null!;

    public ServiceProcess NodeA { get; private set; } = null!;

    public ServiceProcess NodeB { get; private set; } = null!;

    public Uri A => new($"http://127.0.0.1:{NodeA.Port}/");

    public Uri B => new($"http://127.0.0.1:{NodeB.Port}/");

    public string RedisConfiguration => $"127.0.0.1:{Redis.Port}";

    public async Task InitializeAsync()
    {
        try
        {
            await SetUpAsync();
        }
        catch
        {
            // xunit does not dispose a fixture whose set-up failed: stop what was started, or it outlives the test run.
            await DisposeAsync();
            throw;
        }
    }

    private async Task SetUpAsync()
    {
        Redis = await ScaleOutServices.StartRedisAsync();
        Azurite = await ScaleOutServices.StartAzuriteAsync();
        NodeA = await StartNodeAsync("a");
        var key = await TrustApiKeyAsync();
        // Node B logs as JSON lines, as an installation shipping its logs to a collector would.
        NodeB = await StartNodeAsync("b", ("SchoolSite__Logging__Json", "true"));
        using var trust = new HttpClient { BaseAddress = A };
        trust.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        await CreateSchoolAsync(trust, "oak", "Oak Primary", "school-site");
        await CreateSchoolAsync(trust, "elm", "Elm Primary", "school");
        using var head = await SignedInAsync(A, Elm, HeadEmail, HeadPassword);
        foreach (var (email, name, role) in ElmStaff)
        {
            // Invited on node A; each accepts the invitation's link on node B.
            var invited = await head.SubmitAsync($"{Elm}/admin/users/create", ("Input.DisplayName", name), ("Input.Email", email), ("Input.Roles", role));
            var page = await invited.Content.ReadAsStringAsync();
            Assert.True(page.Contains("an invitation at", StringComparison.Ordinal), $"Inviting {email}: {Browser.ErrorText(page)}");
            using var person = new Browser(B);
            var saved = await Users.Invited.ChoosePasswordAsync(person, await Users.Invited.LinkAsync(Mail, email, "You have been invited"), StaffPassword);
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }
    }

    /// <summary>A person signed in on <paramref name="node"/> at a school.</summary>
    public static async Task<Browser> SignedInAsync(Uri node, string pathBase, string email, string password)
    {
        var browser = new Browser(node);
        await browser.SignInOrFailAsync(pathBase, email, password);
        return browser;
    }

    /// <summary>The same person (the same cookies) on another node.</summary>
    public static Browser Same(Browser browser, Uri node) => new(node, browser.Cookies);

    /// <summary>A school's own database, for arranging what only time would otherwise do (backdating a wait).</summary>
    public NpgsqlConnection SchoolDatabase(string school)
        => new(new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = $"{_database}_{school}", Pooling = false }.ConnectionString);

    /// <summary>Waits until <paramref name="node"/> reports Redis as <paramref name="status"/> on its readiness check.</summary>
    public static async Task WaitForRedisAsync(Uri node, string status)
    {
        using var client = new HttpClient { BaseAddress = node };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        string last = "";
        while (!deadline.IsCancellationRequested)
        {
            last = await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync();
            if (last.Contains($"\"redis\":{{\"status\":\"{status}\"", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(50);
        }
        Assert.Fail($"{node} did not report Redis as {status}: {last}");
    }

    private async Task<ServiceProcess> StartNodeAsync(string name, params (string Key, string Value)[] extra)
    {
        var appData = Path.Combine(_folder, name, "App_Data");
        Directory.CreateDirectory(appData);
        var environment = Environment(appData);
        foreach (var (key, value) in extra)
        {
            environment[key] = value;
        }
        return await ServiceProcess.StartAsync($"web node {name}", "dotnet",
            port => [HostDll, "--urls", $"http://127.0.0.1:{port}"],
            ServiceProcess.Prints("Now listening on"),
            environment, Path.Combine(_folder, name));
    }

    private Dictionary<string, string> Environment(string appData) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["SchoolSite__AppDataPath"] = appData,
        ["SchoolSite__PublicOrigin"] = "http://127.0.0.1",
        ["SchoolSite__Admin__Password"] = "two nodes trust password",
        ["SchoolSite__Database__Provider"] = "PostgreSql",
        ["SchoolSite__Database__ConnectionString"] = new NpgsqlConnectionStringBuilder(TestDatabase.PostgresServer) { Database = _database }.ConnectionString,
        ["SchoolSite__Redis"] = RedisConfiguration,
        ["SchoolSite__Media__Store"] = "AzureBlob",
        ["SchoolSite__Media__AzureBlob__ConnectionString"] = ScaleOutServices.AzuriteConnectionString(Azurite.Port),
        ["SchoolSite__Smtp__Host"] = "127.0.0.1",
        ["SchoolSite__Smtp__Port"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Jobs that run every minute run every second: the test cannot wait minutes for a scheduled publish.
        ["SchoolSite__Jobs__Tick"] = "00:00:01",
    };

    /// <summary>The operator's command line, on node A's configuration: a trust API key, printed once.</summary>
    private async Task<string> TrustApiKeyAsync()
    {
        var cli = await ServiceProcess.StartAsync("apikeys create", "dotnet",
            _ => [HostDll, "apikeys", "create", "--name", "Two nodes test"],
            ServiceProcess.ExitedAsync,
            Environment(Path.Combine(_folder, "cli")), _folder);
        await cli.DisposeAsync();
        var key = cli.Output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 20 && !l.Contains(' '));
        return key ?? throw new InvalidOperationException("apikeys create printed no key:\n" + cli.Output);
    }

    private static async Task CreateSchoolAsync(HttpClient trust, string name, string displayName, string recipe)
    {
        var created = await trust.PostAsJsonAsync("/api/tenants", new
        {
            name, displayName, prefix = name, recipe, adminEmail = HeadEmail, adminPassword = HeadPassword,
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"Creating {name} answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
    }

    private static string HostDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(SchoolSiteFactory.RepositoryRoot, "src", "SchoolSite.Web", "bin", configuration, "net10.0", "SchoolSite.Web.dll");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var service in new[] { NodeA, NodeB, Azurite, Redis })
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }
        await Mail.DisposeAsync();
        TestDatabase.DropAll(_database);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file a killed node still held: left in the temp folder.
        }
    }
}
