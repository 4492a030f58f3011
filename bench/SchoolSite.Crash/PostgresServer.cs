namespace SchoolSite.Crash;

/// <summary>
/// A throwaway PostgreSQL cluster from the machine's own binaries, as test.sh starts one: initdb into a temporary
/// folder owned by postgres, pg_ctl on a free loopback port, stopped and removed at the end. fsync is off as in the
/// tests: the harness kills the web host, never the database server, so the server's own durability is not under test.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly string _data;

    private PostgresServer(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        _data = Path.Combine(folder, "pg");
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connection string for a database on this server.</summary>
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Include Error Detail=true";

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken)
    {
        // The newest major version installed: /usr/lib/postgresql/15/bin.
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderBy(d => int.TryParse(Path.GetFileName(d), out var major) ? major : 0)
                .Select(d => Path.Combine(d, "bin")).LastOrDefault(Directory.Exists)
            : null;
        if (bin is null)
        {
            throw new HarnessException("PostgreSQL's binaries are not in /usr/lib/postgresql/*/bin: apt-get install postgresql (test.sh does the same).");
        }
        var folder = Directory.CreateTempSubdirectory("schoolsite-crash-pg.").FullName;
        var server = new PostgresServer(bin, folder, FreePort.Next());
        Directory.CreateDirectory(server._data);
        await Run("chown", ["postgres", folder, server._data], cancellationToken);
        await Run("chmod", ["700", server._data], cancellationToken);
        await Run("runuser", ["-u", "postgres", "--", Path.Combine(bin, "initdb"), "-D", server._data, "-U", "postgres", "--auth=trust", "-E", "UTF8"], cancellationToken);
        await Run("runuser", ["-u", "postgres", "--", Path.Combine(bin, "pg_ctl"), "-D", server._data, "-l", Path.Combine(server._data, "log"), "-w",
            "-o", $"-p {server.Port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300", "start"], cancellationToken);
        Console.WriteLine($"PostgreSQL {Path.GetFileName(Path.GetDirectoryName(bin))} on 127.0.0.1:{server.Port}");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(_data, "postmaster.pid")))
        {
            try
            {
                await Run("runuser", ["-u", "postgres", "--", Path.Combine(_bin, "pg_ctl"), "-D", _data, "-m", "fast", "stop"], CancellationToken.None);
            }
            catch (HarnessException e)
            {
                Console.Error.WriteLine($"PostgreSQL did not stop: {e.Message}");
            }
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task Run(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (exit, output) = await ChildProcess.RunAsync(program, arguments, environment: null, workingDirectory: null, TimeSpan.FromMinutes(2), cancellationToken);
        if (exit != 0)
        {
            throw new HarnessException($"{program} {string.Join(' ', arguments)} exited {exit}: {output.Trim()}");
        }
    }
}
