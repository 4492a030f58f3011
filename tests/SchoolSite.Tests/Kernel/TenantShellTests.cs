using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Tests.Kernel;

/// <summary>
/// A school's in-memory index (the consent gate's, the media library's) is read once however many requests ask at the
/// same moment. The read runs on the database connection of the request that starts it, so a second read started for
/// a request that then waits for the first would go on using that request's connection while it saves: under
/// concurrent consent changes on PostgreSQL that was a 500 ("a second operation was started on this context").
/// </summary>
public sealed class TenantShellTests
{
    private sealed class Index;

    [Fact]
    public async Task Requests_asking_at_the_same_moment_start_one_load_and_share_it()
    {
        const int Requests = 8;
        for (var round = 0; round < 50; round++)
        {
            var shell = new TenantShell(new TenantInfo("oak", "Oakwood Primary", TenantState.Running, "oak", [], DateTime.UnixEpoch), [], SettingsDocument.Empty);
            var loads = 0;
            using var start = new Barrier(Requests);
            var requests = Enumerable.Range(0, Requests).Select(_ => Task.Run(async () =>
            {
                start.SignalAndWait();
                return await shell.GetOrLoadAsync(async () =>
                {
                    Interlocked.Increment(ref loads);
                    await Task.Yield();
                    return new Index();
                });
            })).ToList();

            var indexes = await Task.WhenAll(requests);

            Assert.Equal(1, loads);
            Assert.All(indexes, index => Assert.Same(indexes[0], index));
        }
    }

    [Fact]
    public async Task A_failed_load_is_tried_again_by_the_next_request()
    {
        var shell = new TenantShell(new TenantInfo("oak", "Oakwood Primary", TenantState.Running, "oak", [], DateTime.UnixEpoch), [], SettingsDocument.Empty);

        await Assert.ThrowsAsync<TimeoutException>(() => shell.GetOrLoadAsync<Index>(() => throw new TimeoutException("database busy")));
        await Assert.ThrowsAsync<TimeoutException>(() => shell.GetOrLoadAsync<Index>(async () =>
        {
            await Task.Yield();
            throw new TimeoutException("database busy");
        }));
        var index = new Index();

        Assert.Same(index, await shell.GetOrLoadAsync(() => Task.FromResult(index)));
    }
}
