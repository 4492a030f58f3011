using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Data;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Services;
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

    private static string IdOf(JsonElement item) => item.GetProperty("id").GetString()!;

    /// <summary>Every file in the school's media folder (or one item's), with a hash of its bytes.</summary>
    private SortedDictionary<string, string> Files(string under = "")
        => new(Directory.EnumerateFiles(Path.Combine(Media, under), "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(Media, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);
}

public sealed class UploadAtomicityOnSqlite(SqliteSchools fixture) : UploadAtomicityTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class UploadAtomicityOnPostgreSql(PostgreSqlSchools fixture) : UploadAtomicityTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
