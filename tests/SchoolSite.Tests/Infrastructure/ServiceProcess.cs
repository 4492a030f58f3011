using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SchoolSite.Tests.Infrastructure;

/// <summary>
/// A server the tests start as a child process on a free loopback port (Redis, Azurite, a SchoolSite web node), with
/// its output kept for assertion messages. Stopping kills it; starting again uses the same port.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string _name;
    private readonly ProcessStartInfo _start;
    private readonly Func<ServiceProcess, CancellationToken, Task> _ready;
    private readonly ConcurrentQueue<string> _output = new();
    private Process? _process;

    private ServiceProcess(string name, ProcessStartInfo start, int port, Func<ServiceProcess, CancellationToken, Task> ready)
    {
        _name = name;
        _start = start;
        _ready = ready;
        Port = port;
    }

    public int Port { get; }

    public string Output => string.Join("\n", _output);

    public bool HasExited => _process is null || _process.HasExited;

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <paramref name="file"/> with <paramref name="arguments"/> (built from the port) and waits for <paramref name="ready"/>.</summary>
    public static async Task<ServiceProcess> StartAsync(string name, string file, Func<int, IEnumerable<string>> arguments,
        Func<ServiceProcess, CancellationToken, Task> ready, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(file, arguments(port))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var service = new ServiceProcess(name, start, port, ready);
        await service.StartAgainAsync();
        return service;
    }

    /// <summary>Waits until a TCP connection to the port is accepted.</summary>
    public static async Task PortOpenAsync(ServiceProcess service, CancellationToken cancellationToken)
    {
        while (true)
        {
            service.ThrowIfExited();
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, service.Port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    /// <summary>Waits until the process prints <paramref name="line"/>.</summary>
    public static Func<ServiceProcess, CancellationToken, Task> Prints(string line) => async (service, cancellationToken) =>
    {
        while (!service._output.Any(l => l.Contains(line, StringComparison.Ordinal)))
        {
            service.ThrowIfExited();
            await Task.Delay(50, cancellationToken);
        }
    };

    public async Task StartAgainAsync()
    {
        _process = new Process { StartInfo = _start };
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await _ready(this, deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"{_name} did not become ready within two minutes:\n{Output}");
        }
    }

    /// <summary>For a command that runs and ends: waits until it has, with all of its output read.</summary>
    public static Task ExitedAsync(ServiceProcess service, CancellationToken cancellationToken) => service._process!.WaitForExitAsync(cancellationToken);

    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }

    private void ThrowIfExited()
    {
        if (_process is { HasExited: true } process)
        {
            throw new InvalidOperationException($"{_name} exited with code {process.ExitCode}:\n{Output}");
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        // The last few thousand lines are plenty for a failure message.
        while (_output.Count > 5000 && _output.TryDequeue(out _))
        {
        }
    }
}
