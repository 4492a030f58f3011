using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Host;

/// <summary>A newcomer's first minute: the README's run command on a clean App_Data serves the trust and a demo school.</summary>
public sealed class FirstRunTests
{
    [Fact]
    public async Task The_run_command_on_a_clean_app_data_serves_the_trust_and_the_demo_school()
    {
        var appData = Directory.CreateTempSubdirectory("schoolsite-firstrun-").FullName;
        var port = FreePort();
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = SchoolSiteFactory.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // The README's command; --no-build because the test run has just built it.
        foreach (var arg in new[] { "run", "--project", "src/SchoolSite.Web", "--no-build", "--",
                     $"--urls=http://127.0.0.1:{port}", $"--SchoolSite:AppDataPath={appData}" })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");

        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var clock = Stopwatch.StartNew();
            HttpResponseMessage? home = null;
            while (home is null)
            {
                Assert.False(process.HasExited, "The host exited:\n" + string.Join("\n", output));
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), "The host did not answer within 90 s:\n" + string.Join("\n", output));
                try
                {
                    home = await http.GetAsync("/");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(250);
                }
            }
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Contains("Demo Primary School", await home.Content.ReadAsStringAsync());

            var demo = await http.GetAsync("/demo/");
            Assert.Equal(HttpStatusCode.OK, demo.StatusCode);
            Assert.Contains("<h1>Demo Primary School</h1>", await demo.Content.ReadAsStringAsync());

            var log = string.Join("\n", output);
            Assert.Contains("generated password (shown once)", log);
            Assert.Contains("demo school at /demo/", log);
            Assert.True(File.Exists(Path.Combine(appData, "Sites", "Default", "site.db")));
            Assert.True(File.Exists(Path.Combine(appData, "Sites", "demo", "site.db")));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(appData, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
