using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Models;
using SchoolSite.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SchoolSite.Tests.Media;

/// <summary>These count every byte the process allocates, so they run with no other test alongside.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationCounted
{
    public const string Name = "Allocation counted";
}

/// <summary>
/// One stored picture cannot take the host, and with it every school, down: whatever an old row or a path around
/// the library's limits left in it (10,000 people, a 10 MB alt text, names of any length), a visitor's request for
/// its files costs a small constant, and the staff screens that say why it is blocked stay short.
/// </summary>
public abstract class BoundedServingTests<TFixture>(TFixture fixture, ITestOutputHelper output) where TFixture : TwoSchoolsFixture
{
    protected const int Requests = 50;

    /// <summary>What 50 requests for one picture may allocate beyond 50 requests for an ordinary one.</summary>
    protected const long FewMegabytes = 4 * 1024 * 1024;

    private static readonly string[] Renditions = ["original", "large", "medium", "thumbnail"];

    protected SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_picture_stored_with_10000_people_not_cleared_and_a_10_MB_alt_text_costs_visitors_a_few_MB()
    {
        var ordinary = await StoreAsync(["gone-1"], "Sports day");
        var huge = await StoreAsync(NotInRegister(10_000), new string('a', 10 * 1024 * 1024));
        using var visitor = new Browser(Factory);

        var baseline = await AllocatedByVisitorsAsync(visitor, ordinary, Renditions, HttpStatusCode.NotFound);
        var allocated = await AllocatedByVisitorsAsync(visitor, huge, Renditions, HttpStatusCode.NotFound);

        AssertFewMegabytes(allocated, baseline);
    }

    [Fact]
    public async Task A_picture_with_the_most_people_allowed_none_cleared_costs_visitors_a_few_MB()
    {
        var ordinary = await StoreAsync(["gone-1"], "Sports day");
        var largest = await StoreAsync(NotInRegister(MediaItem.MaxPeople), new string('b', 2_000));
        using var visitor = new Browser(Factory);

        var baseline = await AllocatedByVisitorsAsync(visitor, ordinary, Renditions, HttpStatusCode.NotFound);
        var allocated = await AllocatedByVisitorsAsync(visitor, largest, Renditions, HttpStatusCode.NotFound);

        AssertFewMegabytes(allocated, baseline);
    }

    [Fact]
    public async Task A_picture_whose_last_person_of_1000_is_not_cleared_costs_visitors_a_few_MB()
    {
        // Everyone but the last is cleared, so a visitor's decision has to look at every person.
        var cleared = await PeopleAsync(MediaItem.MaxPeople - 1, granted: true);
        var ordinary = await StoreAsync(["gone-1"], "Sports day");
        var picture = await StoreAsync([.. cleared, "gone-2"], "The whole school on the field");
        using var visitor = new Browser(Factory);

        var baseline = await AllocatedByVisitorsAsync(visitor, ordinary, Renditions, HttpStatusCode.NotFound);
        var allocated = await AllocatedByVisitorsAsync(visitor, picture, Renditions, HttpStatusCode.NotFound);

        AssertFewMegabytes(allocated, baseline);
        using var head = await Factory.AlphaHeadAsync();
        var reasons = await ReasonsAsync(head, picture);
        Assert.Equal("'The whole school on the field': gone-2 is not in the people register.", Assert.Single(reasons));
    }

    [Fact]
    public async Task A_document_with_a_10_MB_alt_text_downloads_under_a_short_name_in_a_few_MB()
    {
        using var head = await Factory.AlphaHeadAsync();
        var uploaded = await MediaUploads.PostAsync(head, "/alpha", TestPdfs.Plain(), "newsletter.pdf");
        var id = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await DescribeDirectlyAsync(id, "Summer newsletter", nobody: true);
        using var visitor = new Browser(Factory);
        var baseline = await AllocatedByVisitorsAsync(visitor, id, ["original"], HttpStatusCode.OK);

        await DescribeDirectlyAsync(id, "Summer newsletter " + new string('x', 10 * 1024 * 1024), nobody: true);
        var allocated = await AllocatedByVisitorsAsync(visitor, id, ["original"], HttpStatusCode.OK);

        AssertFewMegabytes(allocated, baseline);
        var name = (await visitor.GetAsync($"/alpha/media/{id}/original")).Content.Headers.ContentDisposition!.FileName!.Trim('"');
        Assert.StartsWith("summer-newsletter-xxx", name);
        Assert.True(name.Length <= 64, name);
    }

    [Fact]
    public async Task Staff_see_a_count_and_the_first_few_people_not_whole_lists_or_stored_text()
    {
        var huge = await StoreAsync(NotInRegister(10_000), "Whole school " + new string('a', 10 * 1024 * 1024));
        var largest = await StoreAsync(NotInRegister(MediaItem.MaxPeople), "Sports day " + new string('b', 1_990));
        using var head = await Factory.AlphaHeadAsync();

        var tooMany = await ReasonsAsync(head, huge);
        Assert.Contains(tooMany, r => r.Contains("names 10,000 people, more than the 1,000 one item may"));
        var notCleared = await ReasonsAsync(head, largest);
        Assert.Equal(4, notCleared.Count);
        Assert.Contains("gone-1 is not in the people register", notCleared[0]);
        Assert.EndsWith("997 more of the 1,000 people in it are not cleared for website either.", notCleared[3]);
        Assert.All(tooMany.Concat(notCleared), r => Assert.InRange(r.Length, 1, 399));

        // The publish gate says the same, as briefly.
        var api = new ContentApiClient(head, "/alpha");
        var article = await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "NewsArticle",
            ["TitlePart"] = new { Title = "Whole school photograph" },
            ["NewsArticle"] = new Dictionary<string, object> { ["Pictures"] = new { MediaIds = new[] { huge, largest } } },
        });
        var vetoed = await api.PublishAsync(article["ContentItemId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, vetoed.StatusCode);
        var body = await vetoed.Content.ReadAsStringAsync();
        Assert.True(body.Length < 4_000, $"The refusal is {body.Length:N0} characters long.");
        Assert.Contains("997 more of the 1,000 people", body);
    }

    /// <summary>The extra the picture cost over the ordinary requests: a few MB at most, where the unbounded decision cost gigabytes.</summary>
    protected void AssertFewMegabytes(long allocated, long baseline)
    {
        output.WriteLine($"{Requests} requests allocated {allocated:N0} bytes; the same number for an ordinary item {baseline:N0}.");
        Assert.True(allocated - baseline < FewMegabytes, $"{Requests} requests allocated {allocated:N0} bytes ({baseline:N0} for an ordinary item).");
    }

    protected static IReadOnlyList<string> NotInRegister(int count) => Enumerable.Range(1, count).Select(i => $"gone-{i}").ToList();

    /// <summary>50 anonymous requests for the item's files (after one to warm up): the bytes the whole process allocated meanwhile.</summary>
    protected static async Task<long> AllocatedByVisitorsAsync(Browser visitor, string id, string[] renditions, HttpStatusCode expected)
    {
        Assert.Equal(expected, (await visitor.GetAsync($"/alpha/media/{id}/{renditions[0]}")).StatusCode);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Requests; i++)
        {
            using var response = await visitor.GetAsync($"/alpha/media/{id}/{renditions[i % renditions.Length]}");
            Assert.Equal(expected, response.StatusCode);
            await response.Content.ReadAsByteArrayAsync();
        }
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    protected static async Task<IReadOnlyList<string>> ReasonsAsync(Browser staff, string id)
    {
        var item = await staff.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/media/{id}");
        var website = item.GetProperty("consent").GetProperty("website");
        Assert.False(website.GetProperty("cleared").GetBoolean());
        return website.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
    }

    /// <summary>A picture row written straight to the school's database, past every limit the library's own paths keep (as an old row would be).</summary>
    protected async Task<string> StoreAsync(IReadOnlyList<string> people, string altText)
    {
        await using var school = await AlphaAsync();
        var item = new MediaItem
        {
            Id = IdGenerator.New(), Kind = "Jpeg", ContentType = "image/jpeg", Width = 800, Height = 600, Size = 1_000,
            AltText = altText, PeopleIds = string.Join(',', people), Renditions = string.Join(',', Renditions),
            UploadedUtc = school.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        var db = school.ServiceProvider.GetRequiredService<MediaDbContext>();
        db.Items.Add(item);
        await db.SaveChangesAsync();
        // The library's index is rebuilt on the school's event path, as after any change.
        await school.ServiceProvider.GetRequiredService<SchoolEvents>().RaiseAsync(new PictureChanged(item.Id));
        return item.Id;
    }

    private async Task DescribeDirectlyAsync(string id, string altText, bool nobody)
    {
        await using var school = await AlphaAsync();
        var db = school.ServiceProvider.GetRequiredService<MediaDbContext>();
        var item = await db.Items.FindAsync(id);
        (item!.AltText, item.NoIdentifiablePeople) = (altText, nobody);
        await db.SaveChangesAsync();
        await school.ServiceProvider.GetRequiredService<SchoolEvents>().RaiseAsync(new PictureChanged(id));
    }

    /// <summary>People written straight to the register, with the website consent granted for this school year or no consent at all.</summary>
    protected async Task<IReadOnlyList<string>> PeopleAsync(int count, bool granted, Func<int, string>? name = null)
    {
        await using var school = await AlphaAsync();
        var now = school.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var year = SchoolYear.Of(now, school.ServiceProvider.GetRequiredService<TenantContext>().Shell.Settings);
        var db = school.ServiceProvider.GetRequiredService<ConsentDbContext>();
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = IdGenerator.New();
            ids.Add(id);
            db.People.Add(new Person { Id = id, ExternalId = "mis-" + id[..10], LegalFirstName = name?.Invoke(i) ?? $"Pupil {i}", LegalLastName = "Smith" });
        }
        // The register's records refer to its people: the people are written first.
        await db.SaveChangesAsync();
        if (granted)
        {
            db.Records.AddRange(ids.Select(id => new ConsentRecord
            {
                PersonId = id, Purpose = "website", SchoolYear = year, Status = ConsentStatus.Granted, RecordedBy = "test", RecordedUtc = now.UtcDateTime,
            }));
        }
        await db.SaveChangesAsync();
        await school.ServiceProvider.GetRequiredService<SchoolEvents>().RaiseAsync(ids.Select(id => new PersonChanged(id)).ToList());
        return ids;
    }

    protected async Task<AsyncServiceScope> AlphaAsync()
        => await Factory.Services.GetRequiredService<TenantScopes>().EnterAsync(Factory.Services.GetRequiredService<TenantRegistry>().Find("alpha")!);
}

[Collection(AllocationCounted.Name)]
public sealed class BoundedServingOnSqlite(SqliteSchools fixture, ITestOutputHelper output)
    : BoundedServingTests<SqliteSchools>(fixture, output), IClassFixture<SqliteSchools>
{
    /// <summary>Only SQLite could store names this long before the register had limits; PostgreSQL's columns refused them.</summary>
    [Fact]
    public async Task People_with_1_MB_names_from_an_old_register_cost_visitors_and_staff_a_few_MB()
    {
        var refused = await PeopleAsync(20, granted: false, i => $"Pupil {i} " + new string('n', 1024 * 1024));
        var ordinary = await StoreAsync(["gone-1"], "Sports day");
        var picture = await StoreAsync(refused, "Year 6 leavers");
        using var visitor = new Browser(Factory);

        var baseline = await AllocatedByVisitorsAsync(visitor, ordinary, ["original"], HttpStatusCode.NotFound);
        var allocated = await AllocatedByVisitorsAsync(visitor, picture, ["original"], HttpStatusCode.NotFound);

        AssertFewMegabytes(allocated, baseline);
        using var head = await Factory.AlphaHeadAsync();
        var reasons = await ReasonsAsync(head, picture);
        Assert.Equal(4, reasons.Count);
        Assert.StartsWith("'Year 6 leavers': No consent is recorded for Pupil 0 nnn", reasons[0]);
        Assert.All(reasons, r => Assert.InRange(r.Length, 1, 399));
    }
}

[Collection(AllocationCounted.Name)]
public sealed class BoundedServingOnPostgreSql(PostgreSqlSchools fixture, ITestOutputHelper output)
    : BoundedServingTests<PostgreSqlSchools>(fixture, output), IClassFixture<PostgreSqlSchools>;
