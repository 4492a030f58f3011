using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Tenancy;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Contents;

/// <summary>A deleted item can be brought back for 30 days, on the school's clock (moved by the test).</summary>
public sealed class RestoreWindowTests : IAsyncLifetime
{
    private readonly ClockedFactory _factory = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateSchoolAsync("alpha", "Alpha Primary", "alpha");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_deleted_item_is_restorable_for_30_days_and_not_after()
    {
        using var scope = _factory.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(
            _factory.Services.GetRequiredService<TenantRegistry>().Find("alpha")!,
            await _factory.Services.GetRequiredService<TenantShells>().GetAsync(_factory.Services.GetRequiredService<TenantRegistry>().Find("alpha")!));
        var content = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var actor = new SchoolSite.Core.Security.Actor("someone", "A Teacher");

        var parts = new JsonObject { ["TitlePart"] = new JsonObject { ["Title"] = "Old newsletter" } };
        var first = (await content.CreateAsync("Page", parts, actor)).Item!;
        await content.RemoveAsync(first.ContentItemId, actor);
        _factory.Clock.Advance(TimeSpan.FromDays(29));
        Assert.True((await content.RestoreAsync(first.ContentItemId, actor)).Succeeded);

        var second = (await content.CreateAsync("Page", new JsonObject { ["TitlePart"] = new JsonObject { ["Title"] = "Older newsletter" } }, actor)).Item!;
        await content.RemoveAsync(second.ContentItemId, actor);
        _factory.Clock.Advance(TimeSpan.FromDays(31));
        var late = await content.RestoreAsync(second.ContentItemId, actor);
        Assert.False(late.Succeeded);
        Assert.Contains("deleted more than 30 days ago", late.Describe());
    }
}
