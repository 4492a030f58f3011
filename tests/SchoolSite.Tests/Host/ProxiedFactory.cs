using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SchoolSite.Core.Tenancy;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Host;

/// <summary>
/// An installation whose requests arrive from a network address, the way a TCP connection gives one: the test
/// host has none, so a request names its own with <see cref="PeerHeader"/>. Runs on a fake clock and in the
/// environment the test chooses ("Testing" unless told).
/// </summary>
public sealed class ProxiedFactory(string environment = "Testing") : SchoolSiteFactory(TestDatabase.Sqlite)
{
    public const string PeerHeader = "X-Test-Peer";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));

    /// <summary>A client for <paramref name="origin"/> (no redirects followed, no cookies kept) whose requests come from <paramref name="peer"/>.</summary>
    public HttpClient ClientFrom(string peer, string origin = "http://localhost/")
    {
        var client = CreateDefaultClient(new Uri(origin));
        client.DefaultRequestHeaders.Add(PeerHeader, peer);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, PeerAddress>();
            services.AddSingleton<TimeProvider>(Clock);
            // The registry watcher ticks on this clock; the tests change the registry in-process only.
            services.Remove(services.Single(d => d.ImplementationType == typeof(TenantRegistryWatcher)));
        });
    }

    /// <summary>Before the application's own pipeline, as the connection is before any middleware.</summary>
    private sealed class PeerAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[PeerHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                    context.Request.Headers.Remove(PeerHeader);
                }
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
