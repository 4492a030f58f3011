using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SchoolSite.Crash;

/// <summary>
/// How much a school costs a node (bench/README.md): the Release host in Production on SQLite; schools added in batches
/// with `tenants create --from` (one process, its time per school), each school's home page asked for once, then the
/// host's resident memory read; at the end the host is restarted and the first page of schools it has not loaded yet
/// is timed (median, p95), and its CPU time over an idle minute and a half (the job runner's first tick) and the three
/// minutes after (steady) is read.
/// </summary>
public static class Density
{
    public static async Task<int> RunAsync(HarnessOptions options, CancellationToken cancellationToken)
    {
        await using var installation = await Installation.CreateAsync(options with { Provider = Provider.Sqlite }, cancellationToken);
        var host = installation.StartHost();
        try
        {
            if (await host.WaitUntilServingAsync(TimeSpan.FromMinutes(2), cancellationToken) is null)
            {
                throw new HarnessException($"the host did not serve; see {installation.Log.Path}");
            }
            using var http = new HttpClient { BaseAddress = new Uri(installation.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };
            Console.WriteLine($"density: {string.Join(", ", options.DensitySteps)} schools; {MachineLoad.Now()}");
            Console.WriteLine("| schools | RSS | provisioning per school (batch) |");
            Console.WriteLine("| ---: | ---: | ---: |");
            Console.WriteLine($"| 1 | {Megabytes(Resident(host.Id))} | |");
            var made = 1;
            foreach (var target in options.DensitySteps)
            {
                var csv = new StringBuilder("name,displayName,prefix,recipe,adminEmail\n");
                for (var i = made; i < target; i++)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"d{i:0000},School {i},d{i:0000},school-site,head@d{i:0000}.example\n");
                }
                var file = Path.Combine(installation.Folder, $"schools-{target}.csv");
                await File.WriteAllTextAsync(file, csv.ToString(), cancellationToken);
                var clock = Stopwatch.StartNew();
                var (exit, output) = await installation.RunCliAsync(cancellationToken, "tenants", "create", "--from", file);
                if (exit != 0)
                {
                    throw new HarnessException($"tenants create --from exited {exit}: {output[^Math.Min(output.Length, 1000)..]}");
                }
                var perSchool = clock.Elapsed.TotalSeconds / (target - made);
                for (var i = made; i < target; i++)
                {
                    await WaitForAsync(http, $"/d{i:0000}/", cancellationToken);
                }
                made = target;
                GC.KeepAlive(output);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {target} | {Megabytes(Resident(host.Id))} | {perSchool:0.00} s |"));
            }

            // Each new school's jobs run once (their first run works out when each is next due): let the host finish them,
            // so the restarted host measures a steady state rather than this one-off.
            var settled = await WhenNothingIsDueAsync(installation, TimeSpan.FromMinutes(10), cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first runs of every job at every school: done in {settled.TotalSeconds:0} s after the last school was made"));

            // Restarted, every school is dormant until its first request; schools unused for a minute leave memory (the
            // default is 20 minutes), so the steady window below is a host whose schools are all idle.
            host.Dispose();
            host = installation.StartHost(new Dictionary<string, string> { ["SchoolSite__Shells__IdleTimeout"] = "00:01:00" });
            if (await host.WaitUntilServingAsync(TimeSpan.FromMinutes(2), cancellationToken) is null)
            {
                throw new HarnessException($"the host did not serve after the restart; see {installation.Log.Path}");
            }
            var random = new Random(options.Seed);
            var firsts = new List<double>();
            foreach (var i in Enumerable.Range(1, made - 1).OrderBy(_ => random.Next()).Take(50))
            {
                var clock = Stopwatch.StartNew();
                using var response = await http.GetAsync($"/d{i:0000}/", cancellationToken);
                firsts.Add(clock.Elapsed.TotalMilliseconds);
            }
            firsts.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"first page of a dormant school after a restart ({firsts.Count} schools): median {firsts[firsts.Count / 2]:0} ms, p95 {firsts[(int)(firsts.Count * 0.95)]:0} ms"));
            var before = CpuSeconds(host.Id);
            await Task.Delay(TimeSpan.FromSeconds(90), cancellationToken);
            var after = CpuSeconds(host.Id);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"no requests for the 90 s after those first pages (the job runner's first tick, a minute after start, falls in them), {made} schools: {after - before:0.00} CPU-seconds ({(after - before) / 1.5:0.00} a minute); RSS then {Megabytes(Resident(host.Id))}"));
            // Then steady, once the schools visited above have been unloaded: the job runner enters only schools with something due.
            await Task.Delay(TimeSpan.FromSeconds(180), cancellationToken);
            var steady = CpuSeconds(host.Id);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"no requests for the 3 minutes after that, {made} schools: {steady - after:0.00} CPU-seconds ({(steady - after) / 3:0.00} a minute); RSS then {Megabytes(Resident(host.Id))}"));
            return 0;
        }
        finally
        {
            host.Dispose();
        }
    }

    /// <summary>Polls the trust's index of due work until nothing in it is due (or <paramref name="limit"/> passes).</summary>
    private static async Task<TimeSpan> WhenNothingIsDueAsync(Installation installation, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var file = Path.Combine(installation.Folder, "App_Data", "Sites", "Default", "site.db");
        while (clock.Elapsed < limit)
        {
            await using (var database = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False"))
            {
                await database.OpenAsync(cancellationToken);
                await using var command = database.CreateCommand();
                command.CommandText = "select count(*) from job_alarms where due_utc is not null and due_utc <= $now";
                command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
                {
                    return clock.Elapsed;
                }
            }
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
        }
        throw new HarnessException($"background work was still due {limit.TotalMinutes:0} minutes after the last school was made");
    }

    private static async Task WaitForAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var response = await http.GetAsync(path, cancellationToken);
            if ((int)response.StatusCode == 200)
            {
                return;
            }
            // The host's registry watcher notices schools made by the command line within two seconds.
            await Task.Delay(100, cancellationToken);
        }
        throw new HarnessException($"{path} did not answer 200");
    }

    private static long Resident(int pid)
        => File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024).FirstOrDefault();

    private static double CpuSeconds(int pid)
    {
        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the command name.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0} MB");
}
