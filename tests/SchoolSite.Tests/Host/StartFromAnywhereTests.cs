using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Host;

/// <summary>
/// The built app started from another folder (as a service manager or an operator in the repository root would) finds
/// its own settings, and never logs every SQL command: a log of 1.4 GB in minutes slowed a host by a quarter.
/// </summary>
public sealed class StartFromAnywhereTests
{
    [Fact]
    public async Task Started_from_another_folder_the_host_uses_its_own_settings_and_logs_no_sql()
    {
        var web = Path.Combine(SchoolSiteFactory.RepositoryRoot, "src", "SchoolSite.Web", "bin", Configuration, "net10.0");
        var elsewhere = Directory.CreateTempSubdirectory("schoolsite-cwd-").FullName;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(web, "SchoolSite.Web.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = elsewhere,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["SchoolSite__AppDataPath"] = Path.Combine(elsewhere, "App_Data"),
                ["SchoolSite__Admin__Password"] = "trust admin password 1",
            },
        };
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var host = Process.Start(start)!;
        host.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                log.Enqueue(line);
                if (line.Contains("Now listening on", StringComparison.Ordinal))
                {
                    listening.TrySetResult();
                }
            }
        };
        host.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { log.Enqueue(line); } };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            if (await Task.WhenAny(listening.Task, host.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2))) != listening.Task)
            {
                Assert.Fail("The host did not start:\n" + string.Join("\n", log));
            }
            using var client = new HttpClient();
            var home = await client.GetAsync($"http://127.0.0.1:{port}/");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"http://127.0.0.1:{port}/login")).StatusCode);
        }
        finally
        {
            host.Kill(entireProcessTree: true);
            await host.WaitForExitAsync();
            try
            {
                Directory.Delete(elsewhere, recursive: true);
            }
            catch (IOException)
            {
                // A file the killed host still held: left in the temp folder.
            }
        }
        var output = string.Join("\n", log);
        Assert.Contains($"Content root path: {web.TrimEnd('/')}", output.Replace("\\", "/", StringComparison.Ordinal).TrimEnd('/'));
        Assert.DoesNotContain("Executed DbCommand", output);
        Assert.DoesNotContain("CREATE TABLE", output, StringComparison.OrdinalIgnoreCase);
    }

    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
