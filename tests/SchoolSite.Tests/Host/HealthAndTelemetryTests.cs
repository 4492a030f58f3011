using System.Net;
using System.Text.Json;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Host;

/// <summary>
/// What the reverse proxy and the operator see of a node: whether it runs, whether it can serve (each part named), and
/// its traces at the OpenTelemetry collector the installation names.
/// </summary>
public sealed class HealthAndTelemetryTests
{
    [Fact]
    public async Task A_single_node_is_live_and_ready_and_names_each_part_it_checked()
    {
        await using var factory = new SchoolSiteFactory(TestDatabase.Sqlite);
        using var client = factory.CreateClient();
        var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("no-store", ready.Headers.CacheControl?.ToString());
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        foreach (var part in new[] { "database", "migrations", "redis", "media" })
        {
            Assert.Equal("Healthy", checks.GetProperty(part).GetProperty("status").GetString());
        }
        Assert.Contains("One node", checks.GetProperty("redis").GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_node_whose_blob_storage_does_not_answer_is_not_ready_and_says_which_part()
    {
        await using var factory = new SchoolSiteFactory(TestDatabase.Sqlite);
        factory.Extra["SchoolSite:Media:Store"] = "AzureBlob";
        factory.Extra["SchoolSite:Media:AzureBlob:ConnectionString"] = Infrastructure.ScaleOutServices.AzuriteConnectionString(ServiceProcess.FreePort());
        using var client = factory.CreateClient();
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks");
        Assert.Equal("Unhealthy", checks.GetProperty("media").GetProperty("status").GetString());
        Assert.Equal("Blob storage does not answer.", checks.GetProperty("media").GetProperty("description").GetString());
        Assert.Equal("Healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task With_a_collector_configured_the_node_sends_its_request_traces_over_OTLP()
    {
        using var collector = new HttpListener();
        var port = ServiceProcess.FreePort();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        await using var factory = new SchoolSiteFactory(TestDatabase.Sqlite);
        factory.Extra["SchoolSite:Telemetry:OtlpEndpoint"] = $"http://127.0.0.1:{port}";
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

        // The exporter sends in batches, every few seconds: wait for the batch with this request's trace.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var context = await collector.GetContextAsync().WaitAsync(deadline.Token);
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body, deadline.Token);
            context.Response.StatusCode = 200;
            context.Response.Close();
            var bytes = body.ToArray();
            if (context.Request.Url!.AbsolutePath == "/v1/traces" && Contains(bytes, "/health/live"u8) && Contains(bytes, "schoolsite"u8))
            {
                Assert.Equal("application/x-protobuf", context.Request.ContentType);
                return;
            }
        }
    }

    private static bool Contains(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
