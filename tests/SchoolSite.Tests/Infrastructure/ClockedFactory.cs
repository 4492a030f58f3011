using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Tests.Infrastructure;

/// <summary>An installation whose clock the test moves (school years, restore windows).</summary>
public sealed class ClockedFactory(DateTimeOffset start, string provider = TestDatabase.Sqlite) : SchoolSiteFactory(provider)
{
    public FakeTimeProvider Clock { get; } = new(start);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // The registry watcher ticks every 2 s on this clock: moving it a month would run it a million times.
            services.Remove(services.Single(d => d.ImplementationType == typeof(TenantRegistryWatcher)));
        });
    }
}
