using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Data;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Models;
using SchoolSite.Media.Services;
using SchoolSite.Tests.AuditTrail;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Media;

/// <summary>
/// An upload is all or nothing: its files are staged, its row saved, then its files moved into place. A save that
/// fails leaves no file, and the sweep finishes or removes whatever a crash left in between.
/// </summary>
public abstract class UploadAtomicityTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private SchoolSiteFactory Factory => fixture.Factory;

    private string Media => Path.Combine(Factory.AppData, "Sites", "alpha", "media");

    private TenantInfo Alpha => Factory.Services.GetRequiredService<TenantRegistry>().Find("alpha")!;

    [Fact]
    public async Task An_upload_whose_row_cannot_be_saved_leaves_no_file_and_the_item_under_its_id_untouched()
    {
        using var head = await Factory.AlphaHeadAsync();
        var existing = IdOf(await MediaUploads.UploadAsync(head, "/alpha", TestImages.Jpeg(300, 200), "Sports day"));
        var before = Files();

        await using (var school = await Factory.Services.GetRequiredService<TenantScopes>().EnterAsync(Alpha))
        {
            // The id is taken, so the row breaks the primary key: the save fails after the pipeline made the files.
            var library = school.ServiceProvider.GetRequiredService<MediaLibrary>();
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => library.UploadAsync(TestImages.Jpeg(640, 480), "Another picture", null, null, "test", id: existing));
        }

        Assert.Equal(before, Files());
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/alpha/media/{existing}/original")).StatusCode);
    }

    [Fact]
    public async Task The_sweep_finishes_or_removes_what_a_crash_left_and_keeps_every_file_with_a_row()
    {
        using var head = await Factory.AlphaHeadAsync();
        var kept = IdOf(await MediaUploads.UploadAsync(head, "/alpha", TestImages.Jpeg(300, 200), "Sports day"));
        var interrupted = IdOf(await MediaUploads.UploadAsync(head, "/alpha", TestImages.Jpeg(300, 200), "Pond dipping"));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Media, ".staged")));
        var keptFiles = Files(kept);
        var now = Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow();

        // Killed between saving the row and moving its files into place: they are still staged.
        Directory.Move(Path.Combine(Media, interrupted), Staged(now.AddHours(-1), interrupted));
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/alpha/media/{interrupted}/original")).StatusCode);
        // Killed before the row was saved; and files in place with no row, as uploads left them before they were all or nothing.
        var unsaved = WriteFiles(Staged(now.AddHours(-1), IdGenerator.New()));
        var orphan = WriteFiles(Path.Combine(Media, IdGenerator.New()));
        // An upload still writing its files.
        var store = Factory.Services.GetRequiredService<IMediaFileStore>();
        var inProgress = await store.StageAsync("alpha", IdGenerator.New(), [new MediaRendition("original", 1, 1, "image/jpeg", [0xFF, 0xD8, 0xFF])]);

        await Factory.Services.GetRequiredService<SchoolJobs>().RunAsync<MediaFileSweep>(Alpha);

        Assert.Equal(keptFiles, Files(kept));
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/alpha/media/{interrupted}/original")).StatusCode);
        Assert.False(Directory.Exists(unsaved));
        Assert.False(Directory.Exists(orphan));
        Assert.Equal([inProgress], (await store.ListAsync("alpha")).Staged);
        await store.DiscardAsync("alpha", inProgress);
        var rows = await IdsWithRowsAsync();
        Assert.All(Directory.GetDirectories(Media).Select(Path.GetFileName).Where(d => d != ".staged"), d => Assert.Contains(d!, rows));
    }

    private static string IdOf(JsonElement item) => item.GetProperty("id").GetString()!;

    private string Staged(DateTimeOffset at, string id) => Path.Combine(Media, ".staged", $"{at.ToUnixTimeMilliseconds()}-{id}");

    private static string WriteFiles(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var rendition in new[] { "original", "large", "medium", "thumbnail" })
        {
            File.WriteAllBytes(Path.Combine(folder, rendition), [0xFF, 0xD8, 0xFF]);
        }
        return folder;
    }

    /// <summary>Every file in the school's media folder (or one item's), with a hash of its bytes.</summary>
    private SortedDictionary<string, string> Files(string under = "")
        => new(Directory.EnumerateFiles(Path.Combine(Media, under), "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Media, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

    private async Task<HashSet<string>> IdsWithRowsAsync()
    {
        await using var school = await Factory.Services.GetRequiredService<TenantScopes>().EnterAsync(Alpha);
        return (await school.ServiceProvider.GetRequiredService<MediaDbContext>().Items.Select(i => i.Id).ToListAsync()).ToHashSet();
    }
}

public sealed class UploadAtomicityOnSqlite(SqliteSchools fixture) : UploadAtomicityTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class UploadAtomicityOnPostgreSql(PostgreSqlSchools fixture) : UploadAtomicityTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;

/// <summary>The sweep leaves an upload that may still be running alone, on the school's clock (moved by the test).</summary>
public sealed class UploadSweepClockTests : IAsyncLifetime
{
    private readonly ClockedFactory _factory = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateSchoolAsync("alpha", "Alpha Primary", "alpha");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task After_a_restart_the_first_sweep_settles_what_the_killed_process_was_uploading_however_recent()
    {
        using var head = await _factory.SignedInAsync("/alpha", "head@alpha.example", TwoSchoolsFixture.AdminPassword);
        var saved = (await MediaUploads.UploadAsync(head, "/alpha", TestImages.Jpeg(300, 200), "Pond dipping")).GetProperty("id").GetString()!;
        var store = _factory.Services.GetRequiredService<IMediaFileStore>();
        // Killed a moment ago mid-upload: one upload had saved its row but not moved its files into place, one had not saved.
        var unsaved = await store.StageAsync("alpha", IdGenerator.New(), [new MediaRendition("original", 1, 1, "image/jpeg", [0xFF, 0xD8, 0xFF])]);
        var media = Path.Combine(_factory.AppData, "Sites", "alpha", "media");
        Directory.Move(Path.Combine(media, saved), Path.Combine(media, ".staged", $"{unsaved.StagedAt.ToUnixTimeMilliseconds()}-{saved}"));

        await using var restarted = new SecondHost(_factory);
        var alpha = restarted.Services.GetRequiredService<TenantRegistry>().Find("alpha")!;
        await restarted.Services.GetRequiredService<SchoolJobs>().RunAsync<MediaFileSweep>(alpha);

        var left = await restarted.Services.GetRequiredService<IMediaFileStore>().ListAsync("alpha");
        Assert.Empty(left.Staged);
        Assert.Equal([saved], left.Placed);
        using var again = await restarted.SignedInAsync("/alpha", "head@alpha.example", TwoSchoolsFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"/alpha/media/{saved}/original")).StatusCode);
    }

    [Fact]
    public async Task Files_an_upload_is_still_writing_are_kept_until_they_are_ten_minutes_old()
    {
        var alpha = _factory.Services.GetRequiredService<TenantRegistry>().Find("alpha")!;
        var store = _factory.Services.GetRequiredService<IMediaFileStore>();
        var jobs = _factory.Services.GetRequiredService<SchoolJobs>();
        // Staged and never saved: the upload is running, or it died.
        var staged = await store.StageAsync("alpha", IdGenerator.New(), [new MediaRendition("original", 1, 1, "image/jpeg", [0xFF, 0xD8, 0xFF])]);

        _factory.Clock.Advance(MediaFileSweep.InProgress - TimeSpan.FromSeconds(1));
        await jobs.RunAsync<MediaFileSweep>(alpha);
        Assert.Equal([staged], (await store.ListAsync("alpha")).Staged);

        _factory.Clock.Advance(TimeSpan.FromSeconds(1));
        await jobs.RunAsync<MediaFileSweep>(alpha);
        Assert.Empty((await store.ListAsync("alpha")).Staged);
    }
}
