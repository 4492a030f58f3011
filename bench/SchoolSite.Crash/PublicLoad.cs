using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SchoolSite.Crash;

/// <summary>What a stretch of public load measured. Errors are non-2xx/3xx answers plus connections that failed or timed out.</summary>
public sealed record LoadFigures(string Tool, long Requests, double Seconds, double P50Ms, double P99Ms, double MaxMs, long Errors, string ErrorDetail)
{
    public double PerSecond => Seconds > 0 ? Requests / Seconds : 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Requests} requests in {Seconds:0} s ({PerSecond:0} req/s), p50 {P50Ms:0.00} ms, p99 {P99Ms:0.00} ms, max {MaxMs:0.0} ms, errors {Errors} ({ErrorDetail}) [{Tool}]");
}

/// <summary>
/// Anonymous readers on the school's public pages, as many connections as asked, for a while: with wrk when the machine has
/// it (the pages in turn, through a small Lua script), else with a plain HttpClient loop measuring the same things.
/// </summary>
public static partial class PublicLoad
{
    public static string? WrkPath() => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Select(folder => Path.Combine(folder, "wrk")).FirstOrDefault(File.Exists);

    public static Task<LoadFigures> RunAsync(string baseUrl, IReadOnlyList<string> paths, int connections, TimeSpan duration, string folder, CancellationToken cancellationToken)
        => WrkPath() is { } wrk
            ? RunWrkAsync(wrk, baseUrl, paths, connections, duration, folder, cancellationToken)
            : RunLoopAsync(baseUrl, paths, connections, duration, cancellationToken);

    /// <summary>wrk on one address, with request headers (e.g. the benchmark's cache bypass); wrk is required.</summary>
    public static Task<LoadFigures> RunWrkAsync(string baseUrl, string path, int connections, TimeSpan duration, string folder,
        IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
        => RunWrkAsync(WrkPath() ?? throw new HarnessException("wrk is not installed: apt-get install wrk"), baseUrl, [path], connections, duration, folder,
            cancellationToken, headers);

    private static async Task<LoadFigures> RunWrkAsync(string wrk, string baseUrl, IReadOnlyList<string> paths, int connections, TimeSpan duration, string folder,
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? headers = null)
    {
        var script = Path.Combine(folder, "public-pages.lua");
        var lua = new StringBuilder("local paths = {");
        lua.AppendJoin(", ", paths.Select(p => $"\"{p}\"")).AppendLine("}");
        lua.AppendLine("local i = 0");
        lua.Append("local headers = {");
        lua.AppendJoin(", ", (headers ?? new Dictionary<string, string>()).Select(h => $"[\"{h.Key}\"] = \"{h.Value}\""));
        lua.AppendLine("}");
        lua.AppendLine("request = function()");
        lua.AppendLine("  i = i % #paths + 1");
        lua.AppendLine("  return wrk.format(\"GET\", paths[i], headers)");
        lua.AppendLine("end");
        await File.WriteAllTextAsync(script, lua.ToString(), cancellationToken);
        var threads = Math.Min(Environment.ProcessorCount, connections).ToString(CultureInfo.InvariantCulture);
        var (exit, output) = await ChildProcess.RunAsync(wrk,
            ["-t" + threads, "-c" + connections.ToString(CultureInfo.InvariantCulture), "-d" + ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s",
             "--timeout", "10s", "--latency", "-s", script, baseUrl + paths[0]],
            environment: null, workingDirectory: folder, duration + TimeSpan.FromMinutes(1), cancellationToken);
        if (exit != 0)
        {
            throw new HarnessException($"wrk exited {exit}: {output}");
        }
        double Latency(Regex pattern) => pattern.Match(output) is { Success: true } m ? Milliseconds(m.Groups[1].Value, m.Groups[2].Value) : double.NaN;
        long Number(Regex pattern, int group = 1) => pattern.Match(output) is { Success: true } m ? long.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrors().Match(output);
        var socketErrors = socket.Success ? Enumerable.Range(1, 4).Sum(g => long.Parse(socket.Groups[g].Value, CultureInfo.InvariantCulture)) : 0;
        var non2xx = Number(Non2xx());
        var requests = RequestsIn().Match(output);
        return new LoadFigures("wrk",
            requests.Success ? long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            requests.Success ? Milliseconds(requests.Groups[2].Value, requests.Groups[3].Value) / 1000 : duration.TotalSeconds,
            Latency(P50()), Latency(P99()), Latency(MaxLatency()),
            non2xx + socketErrors,
            socket.Success ? $"non-2xx/3xx {non2xx}, socket errors {socket.Value.Trim()}" : $"non-2xx/3xx {non2xx}, no socket errors");
    }

    /// <summary>The stand-in for wrk: each connection a loop of GETs, every latency kept.</summary>
    private static async Task<LoadFigures> RunLoopAsync(string baseUrl, IReadOnlyList<string> paths, int connections, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = connections })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(10),
        };
        var clock = Stopwatch.StartNew();
        long non2xx = 0, failed = 0;
        var latencies = await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            var mine = new List<double>();
            for (var i = c; clock.Elapsed < duration && !cancellationToken.IsCancellationRequested; i++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.GetAsync(paths[i % paths.Count], HttpCompletionOption.ResponseContentRead, cancellationToken);
                    if ((int)response.StatusCode >= 400)
                    {
                        Interlocked.Increment(ref non2xx);
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failed);
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            return mine;
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double Percentile(double p) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)];
        return new LoadFigures("built-in loop (wrk not found)", all.Length, clock.Elapsed.TotalSeconds, Percentile(0.50), Percentile(0.99),
            all.Length == 0 ? double.NaN : all[^1], non2xx + failed, $"non-2xx/3xx {non2xx}, failed connections or timeouts {failed}");
    }

    private static double Milliseconds(string number, string unit)
    {
        var value = double.Parse(number, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            "m" => value * 60_000,
            "h" => value * 3_600_000,
            _ => double.NaN,
        };
    }

    [GeneratedRegex(@"^\s+50%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex P50();

    [GeneratedRegex(@"^\s+99%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex P99();

    /// <summary>"    Latency     3.21ms    1.10ms  30.12ms   90.00%": the third figure is the maximum.</summary>
    [GeneratedRegex(@"^\s+Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s|m)\s", RegexOptions.Multiline)]
    private static partial Regex MaxLatency();

    [GeneratedRegex(@"(\d+) requests in ([\d.]+)(us|ms|s|m|h)")]
    private static partial Regex RequestsIn();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex Non2xx();
}
