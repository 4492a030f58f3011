using System.Diagnostics;

namespace SchoolSite.Crash;

/// <summary>
/// The real web host as a child process: `dotnet SchoolSite.Web.dll --urls …` runs the host in the dotnet process
/// itself, so the process started here is the one a kill -9 ends.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private static int _starts;
    private readonly Process _process;
    private readonly Installation _installation;
    private bool _disposed;

    private readonly string _baseUrl;

    private HostProcess(Process process, Installation installation, string baseUrl)
    {
        _process = process;
        _installation = installation;
        _baseUrl = baseUrl;
    }

    public int Id => _process.Id;
    public bool HasExited => _process.HasExited;

    public static HostProcess Start(Installation installation, string baseUrl, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // Not the host's own folder: it must find its settings from anywhere.
            WorkingDirectory = installation.Folder,
        };
        foreach (var argument in new[] { installation.HostDll, "--urls", baseUrl })
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new HarnessException("dotnet did not start.");
        installation.Log.Write($"==== harness: host start {Interlocked.Increment(ref _starts)}, pid {process.Id}, {DateTime.UtcNow:O}");
        process.OutputDataReceived += (_, e) => Forward(installation.Log, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(installation.Log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new HostProcess(process, installation, baseUrl);
    }

    /// <summary>Waits until the school's home page answers 200; null when it does not within the time given (or the host exits).</summary>
    public async Task<TimeSpan?> WaitUntilServingAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && !_process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync($"{_baseUrl}/{Installation.School}/", cancellationToken);
                if ((int)response.StatusCode == 200)
                {
                    return clock.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            await Task.Delay(100, cancellationToken);
        }
        return null;
    }

    /// <summary>
    /// kill -9 (Process.Kill sends SIGKILL on Linux), then waits for the process to be gone. Says whether anything still
    /// listens on the host's port afterwards, which would mean the kill did not reach the host.
    /// </summary>
    public async Task<bool> KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }
        await _process.WaitForExitAsync(CancellationToken.None);
        _installation.Log.Write($"==== harness: killed pid {_process.Id} (kill -9), {DateTime.UtcNow:O}");
        return FreePort.IsListening(_installation.Port);
    }

    /// <summary>The host's resident-set high-water mark so far (VmHWM), in bytes; 0 when it cannot be read.</summary>
    public long PeakResidentBytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private static void Forward(HostLog log, string? line)
    {
        if (line is not null)
        {
            log.Write(line);
        }
    }
}
