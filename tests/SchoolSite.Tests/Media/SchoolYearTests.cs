using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SchoolSite.Core.Tenancy;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Media;

/// <summary>Consent is given per school year: when the year rolls over, pictures wait for the new year's consent.</summary>
public sealed class SchoolYearTests : IAsyncLifetime
{
    private readonly ClockFactory _factory = new();

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateSchoolAsync("alpha", "Alpha Primary", "alpha");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_picture_stops_showing_when_the_school_year_ends_until_consent_for_the_new_year_is_recorded()
    {
        using var head = await _factory.AlphaHeadAsync();
        var pupil = (await (await head.Http.PostAsJsonAsync("/alpha/api/people", new
        {
            externalId = "mis-2001", kind = "Pupil", legalFirstName = "Ella", legalLastName = "Jones", yearGroup = "Year 6",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Created, (await head.Http.PostAsJsonAsync($"/alpha/api/people/{pupil}/consents", new { purpose = "website", status = "Granted" })).StatusCode);
        var url = await PictureOfAsync(head, pupil!);
        using var visitor = new Browser(_factory);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);

        // 31 August 23:30 in London is still 2026–27; half an hour later it is 2027–28.
        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 8, 31, 22, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);
        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 8, 31, 23, 30, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url)).StatusCode);

        using var again = await _factory.AlphaHeadAsync();
        var person = await again.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/people/{pupil}");
        Assert.Contains("2027–28", person.GetProperty("consents").GetProperty("website").GetProperty("reasons")[0].GetString());
        Assert.Equal(HttpStatusCode.Created, (await again.Http.PostAsJsonAsync($"/alpha/api/people/{pupil}/consents", new { purpose = "website", status = "Granted" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(url)).StatusCode);
    }

    private static async Task<string> PictureOfAsync(Browser head, string person)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestImages.Jpeg(300, 200));
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "leavers.jpg");
        form.Add(new StringContent("Year 6 leavers' assembly"), "altText");
        var uploaded = await (await head.Http.PostAsync("/alpha/api/media", form)).Content.ReadFromJsonAsync<JsonElement>();
        await head.Http.PutAsJsonAsync($"/alpha/api/media/{uploaded.GetProperty("id").GetString()}", new { people = new[] { person } });
        return uploaded.GetProperty("url").GetString()!;
    }

    private sealed class ClockFactory() : SchoolSiteFactory(TestDatabase.Sqlite)
    {
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 6, 15, 9, 0, 0, TimeSpan.Zero));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.Remove(services.Single(d => d.ImplementationType == typeof(TenantRegistryWatcher)));
            });
        }
    }
}
