using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace SchoolSite.Crash;

/// <summary>
/// How long a withdrawal recorded on one web node takes to reach another: two nodes of one installation (PostgreSQL,
/// Redis, Azurite, each node with its own App_Data), a pupil in a picture on a published article. Each round grants
/// consent on node A and waits until node B shows the picture, then withdraws it on node A and times, from node A's
/// answer, until node B answers 404 for the picture's address and its page no longer shows it. Prints the median and
/// the worst of the rounds.
/// </summary>
public static class NodesLag
{
    public static async Task<int> RunAsync(HarnessOptions options, CancellationToken cancellationToken)
    {
        var redisPort = FreePort.Next();
        var blobPort = FreePort.Next();
        using var redis = Service("redis-server", ["--port", Text(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        using var azurite = Service(AzuritePath(), ["--blobHost", "127.0.0.1", "--blobPort", Text(blobPort), "--inMemoryPersistence", "--disableTelemetry",
            "--skipApiVersionCheck", "--loose"]);
        await OpenAsync(redisPort, cancellationToken);
        await OpenAsync(blobPort, cancellationToken);
        var settings = new Dictionary<string, string>
        {
            ["SchoolSite__Redis"] = $"127.0.0.1:{redisPort}",
            ["SchoolSite__Media__Store"] = "AzureBlob",
            ["SchoolSite__Media__AzureBlob__ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
                + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
                + $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;",
        };
        await using var installation = await Installation.CreateAsync(options with { Provider = Provider.Postgres }, cancellationToken, settings);
        using var nodeA = installation.StartHost();
        using var nodeB = installation.StartOtherNode("node-b", out var urlB);
        foreach (var node in new[] { nodeA, nodeB })
        {
            if (await node.WaitUntilServingAsync(TimeSpan.FromMinutes(2), cancellationToken) is null)
            {
                throw new HarnessException($"a node did not serve /{Installation.School}/; see {installation.Log.Path}");
            }
        }
        using var admin = await SchoolClient.SignInAsync(installation.BaseUrl, Installation.AdminEmail, installation.AdminPassword, cancellationToken);
        using var api = SchoolClient.WithToken(installation.BaseUrl, await admin.CreateTokenAsync("withdrawal lag", cancellationToken));
        using var onB = SchoolClient.Anonymous(urlB);

        var person = Expect(await api.AddPersonAsync("lag-1", "Pupil", "Lena", "Lag", cancellationToken), "adding a pupil").Property("id")!;
        Expect(await api.RecordConsentAsync(person, "website", "Granted", "a carer", cancellationToken), "recording consent");
        var media = Expect(await api.UploadAsync(SamplePicture.Png(1, 600, 400), "lag.png", "Lena at the science fair", cancellationToken), "uploading").Property("id")!;
        Expect(await api.DescribeAsync(media, [person], cancellationToken), "saying who is in the picture");
        var article = Expect(await api.CreateNewsWithPictureAsync("Science fair", media, cancellationToken), "creating the article").Property("ContentItemId")!;
        var path = "/" + Expect(await api.PublishAsync(article, cancellationToken), "publishing").Json?.GetProperty("AutoroutePart").GetProperty("Path").GetString();
        var picture = $"/media/{media}/original";
        Console.WriteLine($"two nodes: A {installation.BaseUrl}, B {urlB}; picture {picture} on {path}; {options.Rounds} withdrawals; {MachineLoad.Now()}");

        var lags = new List<double>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            Expect(await api.RecordConsentAsync(person, "website", "Granted", "a carer", cancellationToken), "granting consent");
            await UntilAsync(async () => (await onB.GetAsync(picture, cancellationToken)).Status == 200
                && (await onB.GetAsync(path, cancellationToken)).Text.Contains(media, StringComparison.Ordinal), cancellationToken,
                async () => $"after granting: picture {(await onB.GetAsync(picture, cancellationToken)).Status}, page {((await onB.GetAsync(path, cancellationToken)).Text.Contains(media, StringComparison.Ordinal) ? "shows" : "does not show")} it");
            // Node B has the page cached again and the picture's decision in memory.
            await onB.GetAsync(path, cancellationToken);
            Expect(await api.RecordConsentAsync(person, "website", "Refused", "a carer", cancellationToken), "withdrawing consent");
            var clock = Stopwatch.StartNew();
            await UntilAsync(async () => (await onB.GetAsync(picture, cancellationToken)).Status == 404
                && !(await onB.GetAsync(path, cancellationToken)).Text.Contains(media, StringComparison.Ordinal), cancellationToken,
                async () => $"after withdrawing: picture {(await onB.GetAsync(picture, cancellationToken)).Status}");
            lags.Add(clock.Elapsed.TotalMilliseconds);
        }
        lags.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"withdrawal on node A seen on node B, {lags.Count} withdrawals: median {lags[lags.Count / 2]:0.0} ms, p90 {lags[(int)(lags.Count * 0.9)]:0.0} ms, worst {lags[^1]:0.0} ms"));
        return 0;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken, Func<Task<string>> state)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new HarnessException($"node B did not catch up within 30 seconds ({await state()})");
            }
            await Task.Delay(1, cancellationToken);
        }
    }

    private static Answer Expect(Answer answer, string what)
        => answer.Succeeded ? answer : throw new HarnessException($"{what} answered {answer.Status}: {answer.Excerpt}");

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static string AzuritePath()
    {
        var path = Path.Combine(Repository.Root(), ".cache", "azurite", "node_modules", ".bin", "azurite-blob");
        return File.Exists(path) ? path : throw new HarnessException("Azurite is not installed: run ./test.sh once (it installs it into .cache/azurite).");
    }

    private static Process Service(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new HarnessException($"{program} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop(process);
        return process;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static async Task OpenAsync(int port, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 600; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
        throw new HarnessException($"nothing listens on port {port}");
    }
}
