using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SchoolSite.Tests.Infrastructure;

/// <summary>The content API as a program uses it, through a signed-in browser or a personal token.</summary>
public sealed class ContentApiClient(Browser browser, string pathBase)
{
    /// <summary>Orchard's JSON is PascalCase, like the API's.</summary>
    private static readonly JsonSerializerOptions Json = new();

    public Browser Browser => browser;

    public Task<HttpResponseMessage> CreateAsync(object item) => browser.Http.PostAsJsonAsync($"{pathBase}/api/content", item, Json);

    public async Task<JsonObject> CreateOrFailAsync(object item)
    {
        var response = await CreateAsync(item);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Create answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public Task<HttpResponseMessage> UpdateAsync(string id, object item) => browser.Http.PutAsJsonAsync($"{pathBase}/api/content/{id}", item, Json);

    public Task<HttpResponseMessage> PublishAsync(string id) => browser.Http.PostAsync($"{pathBase}/api/content/{id}/publish", null);

    public async Task<JsonObject> PublishOrFailAsync(string id)
    {
        var response = await PublishAsync(id);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Publish answered {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    public Task<HttpResponseMessage> GetAsync(string id, string version) => browser.Http.GetAsync($"{pathBase}/api/content/{id}?version={version}");

    public static object Page(string title, string html = "<p>Text</p>", string? path = null) => new Dictionary<string, object>
    {
        ["ContentType"] = "Page",
        ["TitlePart"] = new { Title = title },
        ["AutoroutePart"] = new { Path = path ?? string.Empty },
        ["HtmlBodyPart"] = new { Html = html },
    };

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
