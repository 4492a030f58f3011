using System.Net;
using System.Net.Http.Json;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Consent;

/// <summary>
/// Before the new school year: from 1 June the consent dashboard says how many pupils have no answer for the coming year
/// and which pictures on the website will stop showing on its first day; on that day they stop, and those with the new
/// year's consent go on showing. On the school's clock.
/// </summary>
public abstract class RolloverTests(string provider) : IAsyncLifetime
{
    private const string Base = "/alpha";

    // Monday 31 May 2027: the last day before the warning.
    private readonly ClockedFactory _factory = new(new DateTimeOffset(2027, 5, 31, 9, 0, 0, TimeSpan.Zero), provider);

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateSchoolAsync("alpha", "Alpha Primary", "alpha");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_dashboard_warns_from_1_June_which_pictures_the_new_year_takes_down_and_on_its_first_day_only_those_stop()
    {
        using var head = await _factory.SignedInAsync(Base, TwoSchoolsFixture.AlphaAdmin, TwoSchoolsFixture.AdminPassword);
        var ella = await Register.PupilAsync(head, Base, "Ella", "Jones");
        var finn = await Register.PupilAsync(head, Base, "Finn", "Walker");
        await Register.ConsentAsync(head, Base, ella, "website", "Granted");
        await Register.ConsentAsync(head, Base, finn, "website", "Granted");
        var ellasPicture = await MediaUploads.PictureOfAsync(head, Base, Media.TestImages.Jpeg(300, 200), "Ella on sports day", ella);
        var finnsPicture = await MediaUploads.PictureOfAsync(head, Base, Media.TestImages.Jpeg(300, 200), "Finn at the science fair", finn);
        await Register.PublishArticleAsync(head, Base, "Sports day", Register.IdOf(ellasPicture));
        await Register.PublishArticleAsync(head, Base, "Science fair", Register.IdOf(finnsPicture));
        Assert.DoesNotContain("Before 2027–28 starts", await DashboardAsync(head));

        _factory.Clock.Advance(TimeSpan.FromDays(1));
        var warned = await DashboardAsync(head);
        Assert.Contains("Before 2027–28 starts on 1 September 2027", warned);
        Assert.Contains("2 of 2 pupils have no answer yet for 2027–28", warned);
        Assert.Contains("Ella on sports day (Ella)", warned);
        Assert.Contains("Finn at the science fair (Finn)", warned);

        // Ella's form for next year comes back: her picture is off the list, Finn's stays.
        using var headToday = await _factory.SignedInAsync(Base, TwoSchoolsFixture.AlphaAdmin, TwoSchoolsFixture.AdminPassword);
        var forNextYear = await headToday.Http.PostAsJsonAsync($"{Base}/api/people/{ella}/consents",
            new { purpose = "website", status = "Granted", givenBy = "Parent", method = "paper form", schoolYear = 2027 });
        Assert.Equal(HttpStatusCode.Created, forNextYear.StatusCode);
        warned = await DashboardAsync(head);
        Assert.Contains("1 of 2 pupils have no answer yet", warned);
        Assert.DoesNotContain("Ella on sports day", warned);
        Assert.Contains("Finn at the science fair (Finn)", warned);

        // Still this year: both show. On 1 September only Ella's does.
        using var visitor = new Browser(_factory);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(finnsPicture)).StatusCode);
        _factory.Clock.SetUtcNow(new DateTimeOffset(2027, 9, 1, 7, 0, 0, TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(ellasPicture)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(finnsPicture)).StatusCode);
    }

    private async Task<string> DashboardAsync(Browser head)
    {
        using var again = await _factory.SignedInAsync(Base, TwoSchoolsFixture.AlphaAdmin, TwoSchoolsFixture.AdminPassword);
        return WebUtility.HtmlDecode(await again.GetPageAsync($"{Base}/admin/consent"));
    }
}

public sealed class RolloverOnSqlite() : RolloverTests(TestDatabase.Sqlite);

public sealed class RolloverOnPostgreSql() : RolloverTests(TestDatabase.PostgreSql);
