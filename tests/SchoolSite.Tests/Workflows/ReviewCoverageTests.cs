using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Provisioning;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Media;

namespace SchoolSite.Tests.Workflows;

/// <summary>
/// Review cannot be skipped by choosing another content type: once a school reviews content, every type is
/// reviewed, an item picturing pupils or naming one gets two checks whatever its type, and a recipe may not
/// leave a type without review.
/// </summary>
public sealed partial class ReviewCoverageTests(SqliteReviewSchool school) : IClassFixture<SqliteReviewSchool>
{
    private const string Base = ReviewSchoolFixture.PathBase;

    /// <summary>A valid new item of each type of the standard school recipe.</summary>
    private static readonly Dictionary<string, Dictionary<string, object>> NewItems = new()
    {
        ["Page"] = new() { ["HtmlBodyPart"] = new { Html = "<p>About us.</p>" } },
        ["ContactPage"] = new() { ["HtmlBodyPart"] = new { Html = "<p>The office is open from 8am.</p>" } },
        ["Gallery"] = new(),
        ["NewsArticle"] = new(),
        ["Event"] = new() { ["Event"] = new { StartTime = new { Value = "2030-03-01T09:00:00Z" } } },
        ["NewsList"] = new(),
        ["KeyInformation"] = new(),
        ["EventList"] = new(),
        ["Menu"] = new() { ["MenuPart"] = new { Items = new[] { new { Text = "Home", Url = "/" } } } },
        ["SocialMediaPost"] = new() { ["SocialMediaPost"] = new { Text = new { Text = "A lovely day." } } },
        ["PolicyPage"] = new() { ["PolicyPage"] = new { Audience = new { Text = "Public" } } },
        ["PolicyList"] = new(),
    };

    [Fact]
    public async Task An_author_alone_cannot_publish_a_news_list_that_names_a_pupil_and_shows_pupils_pictures()
    {
        using var head = await school.AsAsync(ReviewSchoolFixture.Head);
        var tom = await Register.PupilAsync(head, Base, "Tom", "Smith");
        var ava = await Register.PupilAsync(head, Base, "Ava", "Khan");
        await Register.ConsentAsync(head, Base, tom, "website", "Granted");
        await Register.ConsentAsync(head, Base, ava, "website", "Granted");
        var first = await MediaUploads.PictureOfAsync(head, Base, TestImages.Jpeg(120, 90), "Pupils at the science fair", tom);
        var second = await MediaUploads.PictureOfAsync(head, Base, TestImages.Jpeg(120, 90), "Pupils with their posters", ava);
        using var author = await AuthorAsync();

        var list = await new ContentApiClient(author, Base).CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "NewsList",
            ["TitlePart"] = new { Title = "Science week" },
            ["HtmlBodyPart"] = new { Html = $"<p>Tom Smith in 4B won.</p><p><img src=\"{first}\" alt=\"At the fair\"><img src=\"{second}\" alt=\"Posters\"></p>" },
        });
        var id = list["ContentItemId"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await author.Http.PostAsync($"{Base}/api/content/{id}/publish", null)).StatusCode);

        var submitted = await author.Http.PostAsJsonAsync($"{Base}/api/content/{id}/workflow/submit", new { });
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("Because it has pictures of pupils, it needs two people (Colleague check and senior sign-off)", (await submitted.Content.ReadFromJsonAsync<JsonObject>())!["message"]!.GetValue<string>());
        await AssertCannotMoveItOnAsync(author, id);
        using var visitor = new Browser(school.Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"{Base}/api/content/{id}")).StatusCode);
    }

    [Fact]
    public async Task An_author_cannot_publish_anything_alone_on_any_type_of_the_standard_school_recipe()
    {
        using var head = await school.AsAsync(ReviewSchoolFixture.Head);
        var types = TypeName().Matches(await head.GetPageAsync($"{Base}/admin/content-types")).Select(m => m.Groups[1].Value).ToList();
        Assert.True(types.Count >= 10, "The content types page lists " + string.Join(", ", types));
        Assert.Empty(types.Except(NewItems.Keys));
        Assert.DoesNotContain("Not covered by any review", await head.GetPageAsync($"{Base}/admin/content-types"));

        using var author = await AuthorAsync();
        foreach (var type in types)
        {
            var parts = new Dictionary<string, object>(NewItems[type]) { ["ContentType"] = type, ["TitlePart"] = new { Title = $"An author's {type}" } };
            var id = (await new ContentApiClient(author, Base).CreateOrFailAsync(parts))["ContentItemId"]!.GetValue<string>();
            var publish = await author.Http.PostAsync($"{Base}/api/content/{id}/publish", null);
            Assert.True(publish.StatusCode == HttpStatusCode.UnprocessableEntity, $"{type}: the author published it alone ({(int)publish.StatusCode}).");
            Assert.Equal(HttpStatusCode.OK, (await author.Http.PostAsJsonAsync($"{Base}/api/content/{id}/workflow/submit", new { })).StatusCode);
            await AssertCannotMoveItOnAsync(author, id, type);
        }
    }

    [Fact]
    public async Task A_recipe_that_leaves_a_content_type_without_review_in_a_reviewing_school_is_refused_and_nothing_is_left()
    {
        school.Factory.AddRecipe("unreviewed-type", """
        {
          "name": "unreviewed-type",
          "steps": [
            { "name": "recipes", "Values": [ { "name": "school" } ] },
            { "name": "ContentDefinition", "ContentTypes": [ { "Name": "Newsletter", "DisplayName": "Newsletter",
              "ContentTypePartDefinitionRecords": [ { "PartName": "TitlePart", "Name": "TitlePart" }, { "PartName": "AutoroutePart", "Name": "AutoroutePart" } ] } ] }
          ]
        }
        """);
        var result = await school.Factory.Services.GetRequiredService<TenantProvisioner>().ProvisionAsync(new TenantRequest
        {
            Name = "gapped", DisplayName = "Gapped School", Prefix = "gapped", Recipe = "unreviewed-type", AdminEmail = "head@gapped.example",
            AdminPassword = TwoSchoolsFixture.AdminPassword,
        });
        Assert.False(result.Succeeded);
        Assert.Contains("no review workflow covers the content type Newsletter", result.Describe());
        using var visitor = new Browser(school.Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/gapped/")).StatusCode);
    }

    /// <summary>After submitting, nothing the author may do moves the item towards publishing: a colleague must.</summary>
    private static async Task AssertCannotMoveItOnAsync(Browser author, string id, string type = "item")
    {
        var state = (await author.Http.GetFromJsonAsync<JsonObject>($"{Base}/api/content/{id}/workflow"))!;
        var allowed = state["transitions"]!.AsArray().Where(t => t!["allowed"]!.GetValue<bool>()).Select(t => t!["name"]!.GetValue<string>()).ToList();
        Assert.True(allowed.All(t => t is "withdraw" or "submit"), $"{type}: the author may still {string.Join(", ", allowed)}.");
        foreach (var step in new[] { "check", "approve", "sign-off", "publish" })
        {
            var taken = await author.Http.PostAsJsonAsync($"{Base}/api/content/{id}/workflow/{step}", new { });
            Assert.True(taken.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.BadRequest,
                $"{type}: '{step}' by the author answered {(int)taken.StatusCode}.");
        }
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await author.Http.PostAsync($"{Base}/api/content/{id}/publish", null)).StatusCode);
    }

    private async Task<Browser> AuthorAsync()
    {
        var email = $"author.{Guid.NewGuid():N}"[..16] + "@review.example";
        using (var head = await school.AsAsync(ReviewSchoolFixture.Head))
        {
            var created = await head.SubmitAsync($"{Base}/admin/users/create",
                ("Input.DisplayName", "Ali Author"), ("Input.Email", email), ("Input.Password", ReviewSchoolFixture.Password), ("Input.Roles", "Author"));
            Assert.Contains("can now sign in", await created.Content.ReadAsStringAsync());
        }
        return await school.Factory.SignedInAsync(Base, email, ReviewSchoolFixture.Password);
    }

    [GeneratedRegex(@"<small>\((\w+)\)</small>")]
    private static partial Regex TypeName();
}
