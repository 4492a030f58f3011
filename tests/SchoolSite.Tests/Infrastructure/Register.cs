using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SchoolSite.Tests.Infrastructure;

/// <summary>The people register, consents and pictured pages through the API, as a school's staff would use them.</summary>
public static class Register
{
    public static async Task<string> PupilAsync(Browser head, string pathBase, string first, string last, string yearGroup = "Year 4", string className = "4B")
    {
        var response = await head.Http.PostAsJsonAsync($"{pathBase}/api/people", new
        {
            externalId = "mis-" + Guid.NewGuid().ToString("N")[..8], kind = "Pupil", legalFirstName = first, legalLastName = last, yearGroup, className,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public static async Task ConsentAsync(Browser head, string pathBase, string person, string purpose, string status)
    {
        var response = await head.Http.PostAsJsonAsync($"{pathBase}/api/people/{person}/consents",
            new { purpose, status, givenBy = "Parent", method = "paper form" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Publishes a news article showing one picture in its Pictures field; returns its public address.</summary>
    public static async Task<string> PublishedArticleAsync(Browser head, string pathBase, string title, string mediaId)
        => (await PublishArticleAsync(head, pathBase, title, mediaId)).Path;

    /// <summary>Publishes a news article showing one picture; returns its id and public address.</summary>
    public static async Task<(string Id, string Path)> PublishArticleAsync(Browser head, string pathBase, string title, string mediaId)
    {
        var api = new ContentApiClient(head, pathBase);
        var article = await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "NewsArticle",
            ["TitlePart"] = new { Title = title },
            ["NewsArticle"] = new Dictionary<string, object> { ["Pictures"] = new { MediaIds = new[] { mediaId } } },
        });
        var published = await api.PublishOrFailAsync(article["ContentItemId"]!.GetValue<string>());
        return (published["ContentItemId"]!.GetValue<string>(),
            $"{pathBase}/{published["AutoroutePart"]?["Path"]?.GetValue<string>() ?? throw new InvalidOperationException("no path")}");
    }

    public static string IdOf(string mediaUrl) => mediaUrl.Split('/')[^2];

    public static async Task<JsonObject> TakedownAsync(Browser head, string pathBase, string person)
        => (await head.Http.GetFromJsonAsync<JsonObject>($"{pathBase}/api/people/{person}/takedown"))!;
}
