using System.Net;
using System.Text.RegularExpressions;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Media;
using SkiaSharp;

namespace SchoolSite.Tests.Site;

/// <summary>
/// What the public theme writes around the content: the menu says where you are, each page describes itself to search
/// engines, and every picture carries its size and its renditions, while the publication policy still decides which show.
/// </summary>
public sealed partial class PublicMarkupTests(MarkupSchoolFixture fixture) : IClassFixture<MarkupSchoolFixture>
{
    private const string School = MarkupSchoolFixture.School;

    [Fact]
    public async Task The_menu_marks_the_page_being_shown_and_the_section_a_news_article_is_in()
    {
        using var visitor = new Browser(fixture.Factory);
        var about = await visitor.GetPageAsync($"{School}/about");
        Assert.Contains($"<a href=\"{School}/about\" aria-current=\"page\">About us</a>", about);
        Assert.Contains($"<a href=\"{School}/news\">News</a>", about);
        Assert.Single(CurrentMarker().Matches(about));

        var article = await visitor.GetPageAsync($"{School}/news/science-week-visitors");
        Assert.Contains($"<a href=\"{School}/news\" aria-current=\"true\">News</a>", article);
        Assert.DoesNotContain("aria-current=\"page\"", article);

        Assert.Empty(CurrentMarker().Matches(await visitor.GetPageAsync($"{School}/")));
    }

    [Fact]
    public async Task A_page_is_described_by_its_summary_or_else_the_first_sentence_of_its_text()
    {
        using var visitor = new Browser(fixture.Factory);
        Assert.Equal("Year 2 planted bulbs in the new garden beds, which were built by volunteers from the parents' association.",
            Description(await visitor.GetPageAsync($"{School}/news/a-new-school-garden")));
        // No summary: the first sentence of the first paragraph, not the heading before it.
        Assert.Equal("Kindness, curiosity and courage guide everything we do.", Description(await visitor.GetPageAsync($"{School}/about")));

        using var head = await HeadAsync();
        var api = new ContentApiClient(head, School);
        var summary = "Fish & chips <b>night</b> raised money for the library. " + string.Concat(Enumerable.Repeat("Every class took part and the hall was full. ", 4));
        var article = await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "NewsArticle",
            ["TitlePart"] = new { Title = "Fish and chips night" },
            ["NewsArticle"] = new { Summary = new { Text = summary } },
            ["HtmlBodyPart"] = new { Html = "<p>Thank you to everyone who came.</p>" },
        });
        var published = await api.PublishOrFailAsync(article["ContentItemId"]!.GetValue<string>());
        var page = await visitor.GetPageAsync($"{School}/{published["AutoroutePart"]!["Path"]!.GetValue<string>()}");
        var description = Description(page);
        Assert.StartsWith("Fish & chips night raised money for the library. Every class", description);
        Assert.True(description.Length <= 160, $"{description.Length} characters: {description}");
        Assert.EndsWith("…", description);
        Assert.DoesNotContain("<b>", description);
        Assert.Contains("content=\"Fish &amp; chips night raised", page);
    }

    [Fact]
    public async Task Every_picture_has_the_size_of_its_file_and_a_srcset_of_its_renditions()
    {
        using var visitor = new Browser(fixture.Factory);
        // A gallery picture (the Pictures field), and one in the text.
        var gallery = Images(await visitor.GetPageAsync($"{School}/news/a-new-school-garden")).Single(i => i.Contains("demogarden1"));
        var inText = Images(await visitor.GetPageAsync($"{School}/about")).Single(i => i.Contains("demogarden1"));
        foreach (var image in new[] { gallery, inText })
        {
            var src = Attribute(image, "src");
            var (width, height) = await PixelsAsync(visitor, src);
            Assert.Equal(width.ToString(), Attribute(image, "width"));
            Assert.Equal(height.ToString(), Attribute(image, "height"));
            Assert.NotEmpty(Attribute(image, "sizes"));
            var candidates = Attribute(image, "srcset").Split(", ");
            Assert.Equal(["thumbnail", "medium", "large"], candidates.Select(c => c.Split(' ')[0].Split('/')[^1]));
            foreach (var candidate in candidates)
            {
                var parts = candidate.Split(' ');
                Assert.Equal($"{(await PixelsAsync(visitor, parts[0])).Width}w", parts[1]);
            }
        }
        Assert.EndsWith("/medium", Attribute(gallery, "src"));
        Assert.EndsWith("/large", Attribute(inText, "src"));
    }

    [Fact]
    public async Task Pictures_in_the_text_still_go_through_the_publication_policy()
    {
        using var head = await HeadAsync();
        var pupil = await Register.PupilAsync(head, School, "Ruby", "Hart");
        await Register.ConsentAsync(head, School, pupil, "website", "Granted");
        var picture = Register.IdOf(await MediaUploads.PictureOfAsync(head, School, TestImages.Jpeg(1200, 900), "Ruby at the science fair", pupil));
        var api = new ContentApiClient(head, School);
        var page = await api.CreateOrFailAsync(ContentApiClient.Page("Science fair",
            $"<p>Our science fair.</p><p><img src=\"{School}/media/{picture}/large\" alt=\"Ruby at the science fair\"></p>"
            + $"<p><img src=\"{School}/media/demogarden1/medium\" alt=\"The garden\"></p>", "science-fair"));
        await api.PublishOrFailAsync(page["ContentItemId"]!.GetValue<string>());

        using var visitor = new Browser(fixture.Factory);
        var shown = Images(await visitor.GetPageAsync($"{School}/science-fair"));
        Assert.Contains(shown, i => i.Contains(picture) && i.Contains("srcset=") && i.Contains("width=\"1200\" height=\"900\""));

        await Register.ConsentAsync(head, School, pupil, "website", "Refused");
        var after = await visitor.GetPageAsync($"{School}/science-fair");
        Assert.DoesNotContain(picture, after);
        Assert.Contains(Images(after), i => i.Contains("demogarden1/medium") && i.Contains("srcset="));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"{School}/media/{picture}/thumbnail")).StatusCode);
    }

    private async Task<Browser> HeadAsync() => await fixture.Factory.SignedInAsync(School, "head@mk.example", TwoSchoolsFixture.AdminPassword);

    private static string Description(string html)
        => WebUtility.HtmlDecode(DescriptionTag().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new Xunit.Sdk.XunitException("No meta description."));

    private static List<string> Images(string html) => Image().Matches(html).Select(m => m.Value).ToList();

    private static string Attribute(string tag, string name)
        => Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new Xunit.Sdk.XunitException($"No {name} in {tag}");

    private static async Task<(int Width, int Height)> PixelsAsync(Browser visitor, string url)
    {
        var response = await visitor.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}");
        using var codec = SKCodec.Create(new SKMemoryStream(await response.Content.ReadAsByteArrayAsync()));
        return (codec.Info.Width, codec.Info.Height);
    }

    [GeneratedRegex("<meta name=\"description\" content=\"([^\"]*)\">")]
    private static partial Regex DescriptionTag();

    [GeneratedRegex("<img\\b[^>]*>")]
    private static partial Regex Image();

    [GeneratedRegex("aria-current=")]
    private static partial Regex CurrentMarker();
}
