using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace SchoolSite.Crash;

/// <summary>
/// A fresh installation of the real host for one run: its own App_Data folder (and, for PostgreSQL, its own server),
/// the trust set up and one school provisioned by the command line, as an operator would.
/// </summary>
public sealed class Installation : IAsyncDisposable
{
    public const string School = "oak";
    public const string AdminEmail = "head@oak.example";
    private const string TrustDatabase = "crash";

    private readonly PostgresServer? _postgres;
    private readonly bool _keep;
    private bool _findings;

    private Installation(string hostDll, string folder, PostgresServer? postgres, bool keep)
    {
        HostDll = hostDll;
        Folder = folder;
        _postgres = postgres;
        _keep = keep;
        Port = FreePort.Next();
        AdminPassword = "Oak-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        Log = new HostLog(Path.Combine(folder, "host.log"));
        Environment = new Dictionary<string, string>
        {
            ["SchoolSite__AppDataPath"] = Path.Combine(folder, "App_Data"),
            ["SchoolSite__Admin__Password"] = "Trust-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            ["SchoolSite__Demo__Enabled"] = "false",
            // Production, as a school's host runs; an http PublicOrigin is the documented way to run without https (cookies not Secure).
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["SchoolSite__PublicOrigin"] = $"http://127.0.0.1:{Port}",
            ["SchoolSite__Database__Provider"] = postgres is null ? "Sqlite" : "PostgreSql",
        };
        if (postgres is not null)
        {
            Environment["SchoolSite__Database__ConnectionString"] = postgres.ConnectionString(TrustDatabase);
        }
    }

    public string HostDll { get; }
    public string Folder { get; }
    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public string AdminPassword { get; }
    public HostLog Log { get; }
    public Dictionary<string, string> Environment { get; }
    public Provider Provider => _postgres is null ? Provider.Sqlite : Provider.Postgres;

    public static async Task<Installation> CreateAsync(HarnessOptions options, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? settings = null, string recipe = "school-site", Func<string, Task>? prepare = null)
    {
        var hostDll = options.HostDll ?? FindHostDll();
        if (!File.Exists(hostDll))
        {
            throw new HarnessException($"{hostDll} does not exist: build the host first (dotnet build src/SchoolSite.Web -c Release) or give --host.");
        }
        var folder = Directory.CreateTempSubdirectory("schoolsite-crash.").FullName;
        var postgres = options.Provider == Provider.Postgres ? await PostgresServer.StartAsync(cancellationToken) : null;
        var installation = new Installation(hostDll, folder, postgres, options.Keep);
        Console.WriteLine($"host {hostDll}");
        Console.WriteLine($"installation {folder} ({installation.Provider}), host log {installation.Log.Path}");

        if (prepare is not null)
        {
            // Files the installation needs before the school is made (the benchmark's recipe folder).
            await prepare(folder);
        }
        // Settings every process of the installation shares (for several nodes: Redis, blob storage), the command line too.
        foreach (var (name, value) in settings ?? new Dictionary<string, string>())
        {
            installation.Environment[name] = value;
        }
        var passwordFile = Path.Combine(folder, "admin-password");
        await File.WriteAllTextAsync(passwordFile, installation.AdminPassword, cancellationToken);
        // The standard school site without review before publishing, so an editor's publish goes straight out.
        var (exit, output) = await installation.RunCliAsync(cancellationToken, "tenants", "create", "--name", School, "--display-name", "Oak Primary",
            "--prefix", School, "--recipe", recipe, "--admin-email", AdminEmail, "--admin-password-file", passwordFile);
        if (exit != 0)
        {
            throw new HarnessException($"tenants create exited {exit}: {output.Trim()}");
        }
        return installation;
    }

    /// <summary>The host as a child process: `dotnet SchoolSite.Web.dll` is the host itself (no wrapper process), so a kill reaches it.</summary>
    public HostProcess StartHost() => HostProcess.Start(this, BaseUrl, Environment);

    /// <summary>The host with some settings of its own (environment variables, e.g. <c>SchoolSite__Shells__IdleTimeout</c>).</summary>
    public HostProcess StartHost(IReadOnlyDictionary<string, string> settings)
        => HostProcess.Start(this, BaseUrl, new Dictionary<string, string>(Environment).Concat(settings).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value));

    /// <summary>Another web node of the installation: its own port and App_Data folder, everything else shared.</summary>
    public HostProcess StartOtherNode(string name, out string baseUrl)
    {
        baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var environment = new Dictionary<string, string>(Environment) { ["SchoolSite__AppDataPath"] = Path.Combine(Folder, name, "App_Data") };
        return HostProcess.Start(this, baseUrl, environment);
    }

    /// <summary>The host's command line, with the same configuration and App_Data.</summary>
    public Task<(int Exit, string Output)> RunCliAsync(CancellationToken cancellationToken, params string[] arguments)
        => ChildProcess.RunAsync("dotnet", [HostDll, .. arguments], Environment, Folder, TimeSpan.FromMinutes(3), cancellationToken);

    /// <summary>The school's own database, opened read-only.</summary>
    public async Task<DbConnection> OpenSchoolDatabaseAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = _postgres is null
            ? new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path.Combine(Folder, "App_Data", "Sites", School, "site.db"),
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ConnectionString)
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_postgres.ConnectionString($"{TrustDatabase}_{School}"))
            {
                Options = "-c default_transaction_read_only=on",
                Pooling = false,
            }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>A run that found something keeps its folder (App_Data, host log) for a closer look.</summary>
    public void KeepForFindings() => _findings = true;

    public async ValueTask DisposeAsync()
    {
        Log.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
        if (_keep || _findings)
        {
            Console.WriteLine($"kept {Folder}" + (_postgres is null ? "" : " (the PostgreSQL server was stopped and its data removed)"));
            return;
        }
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"could not remove {Folder}: {e.Message}");
        }
    }

    /// <summary>The Release build of the host in this repository, else the Debug one.</summary>
    private static string FindHostDll()
    {
        var bin = Path.Combine(Repository.Root(), "src", "SchoolSite.Web", "bin");
        var release = Path.Combine(bin, "Release", "net10.0", "SchoolSite.Web.dll");
        var debug = Path.Combine(bin, "Debug", "net10.0", "SchoolSite.Web.dll");
        return File.Exists(release) || !File.Exists(debug) ? release : debug;
    }
}
