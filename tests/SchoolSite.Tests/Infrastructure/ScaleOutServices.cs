namespace SchoolSite.Tests.Infrastructure;

/// <summary>
/// Redis (Debian's redis-server) and Azurite (the Azure Blob API, from npm) for the tests of several web nodes. The test
/// command installs both (README); their paths may be given in SCHOOLSITE_REDIS_SERVER and SCHOOLSITE_AZURITE.
/// </summary>
public static class ScaleOutServices
{
    public static string RedisServerPath => Environment.GetEnvironmentVariable("SCHOOLSITE_REDIS_SERVER") is { Length: > 0 } path ? path
        : File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server"
        : throw new InvalidOperationException("redis-server is not installed: run the tests through the README's test command (./test.sh), which installs it.");

    public static string AzuritePath => Environment.GetEnvironmentVariable("SCHOOLSITE_AZURITE") is { Length: > 0 } path ? path
        : Path.Combine(SchoolSiteFactory.RepositoryRoot, ".cache", "azurite", "node_modules", ".bin", "azurite-blob") is var local && File.Exists(local) ? local
        : throw new InvalidOperationException("Azurite is not installed: run the tests through the README's test command (./test.sh), which installs it.");

    /// <summary>A Redis server with nothing saved to disk.</summary>
    public static Task<ServiceProcess> StartRedisAsync()
        => ServiceProcess.StartAsync("redis-server", RedisServerPath,
            port => ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            ServiceProcess.Prints("Ready to accept connections"));

    /// <summary>Azurite's blob service, in memory.</summary>
    public static Task<ServiceProcess> StartAzuriteAsync()
        => ServiceProcess.StartAsync("azurite-blob", AzuritePath,
            port => ["--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--inMemoryPersistence",
                "--disableTelemetry", "--skipApiVersionCheck", "--loose"],
            ServiceProcess.PortOpenAsync);

    /// <summary>Azurite's well-known development account, at the blob port it was started on.</summary>
    public static string AzuriteConnectionString(int port)
        => "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
}
