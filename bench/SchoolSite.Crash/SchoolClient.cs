using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SchoolSite.Crash;

/// <summary>One answer from the host: its status, its body when JSON, and how long it took.</summary>
public sealed record Answer(int Status, JsonElement? Json, string Text, TimeSpan Took)
{
    public bool Succeeded => Status is >= 200 and < 400;

    public string? Property(string name)
        => Json is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The start of the body, for a report.</summary>
    public string Excerpt => Text.Length > 300 ? Text[..300] + "…" : Text;
}

/// <summary>
/// The school as a program sees it: signing in with the admin's password (a session cookie, for the admin pages), making a
/// personal API token on the tokens page, and the JSON API with that token (no antiforgery header needed with a token).
/// </summary>
public sealed partial class SchoolClient : IDisposable
{
    private static readonly string Prefix = "/" + Installation.School;
    private readonly HttpClient _http;

    private SchoolClient(string baseUrl, CookieContainer? cookies, string? token)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public static SchoolClient Anonymous(string baseUrl) => new(baseUrl, null, null);

    public static SchoolClient WithToken(string baseUrl, string token) => new(baseUrl, null, token);

    /// <summary>Signs in on the school's sign-in page, as a person does, and keeps the session cookie.</summary>
    public static async Task<SchoolClient> SignInAsync(string baseUrl, string email, string password, CancellationToken cancellationToken)
    {
        var client = new SchoolClient(baseUrl, new CookieContainer(), null);
        var answer = await client.PostFormAsync($"{Prefix}/login", [new("Input.Email", email), new("Input.Password", password)], cancellationToken);
        if (answer.Status != 302)
        {
            client.Dispose();
            throw new HarnessException($"signing in as {email} answered {answer.Status}, not a redirect to the dashboard: {answer.Excerpt}");
        }
        return client;
    }

    /// <summary>Makes a personal API token on the tokens page (shown once) and returns it.</summary>
    public async Task<string> CreateTokenAsync(string name, CancellationToken cancellationToken)
    {
        var answer = await PostFormAsync($"{Prefix}/account/tokens?handler=Create", [new("Name", name)], cancellationToken, formPage: $"{Prefix}/account/tokens");
        return NewToken().Match(answer.Text) is { Success: true } match
            ? match.Groups[1].Value
            : throw new HarnessException($"the tokens page showed no new token ({answer.Status}): {answer.Excerpt}");
    }

    public Task<Answer> AddPersonAsync(string externalId, string kind, string firstName, string lastName, CancellationToken cancellationToken)
        => PostJsonAsync($"{Prefix}/api/people", new { externalId, kind, legalFirstName = firstName, legalLastName = lastName }, cancellationToken);

    public Task<Answer> RecordConsentAsync(string personId, string purpose, string status, string givenBy, CancellationToken cancellationToken)
        => PostJsonAsync($"{Prefix}/api/people/{personId}/consents", new { purpose, status, givenBy, method = "form" }, cancellationToken);

    public Task<Answer> CreateNewsAsync(string title, string html, CancellationToken cancellationToken)
        => PostJsonAsync($"{Prefix}/api/content", new Dictionary<string, object>
        {
            ["ContentType"] = "NewsArticle",
            ["TitlePart"] = new { Title = title },
            ["HtmlBodyPart"] = new { Html = html },
        }, cancellationToken);

    public Task<Answer> CreateNewsWithPictureAsync(string title, string mediaId, CancellationToken cancellationToken)
        => PostJsonAsync($"{Prefix}/api/content", new Dictionary<string, object>
        {
            ["ContentType"] = "NewsArticle",
            ["TitlePart"] = new { Title = title },
            ["NewsArticle"] = new Dictionary<string, object> { ["Pictures"] = new Dictionary<string, object> { ["MediaIds"] = new[] { mediaId } } },
        }, cancellationToken);

    /// <summary>Says who is in a picture (adding a person narrows who sees it, so it counts at once).</summary>
    public Task<Answer> DescribeAsync(string mediaId, string[] people, CancellationToken cancellationToken)
        => SendAsync(new HttpRequestMessage(HttpMethod.Put, $"{Prefix}/api/media/{mediaId}") { Content = JsonContent.Create(new { people }) }, cancellationToken);

    public Task<Answer> PublishAsync(string contentItemId, CancellationToken cancellationToken)
        => SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/api/content/{contentItemId}/publish"), cancellationToken);

    public Task<Answer> UploadAsync(byte[] file, string fileName, string altText, CancellationToken cancellationToken)
    {
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(file) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "file", fileName },
            { new StringContent(altText), "altText" },
        };
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Prefix}/api/media") { Content = form }, cancellationToken);
    }

    /// <summary>A page of the school, e.g. "/" or "/admin/content".</summary>
    public Task<Answer> GetAsync(string path, CancellationToken cancellationToken)
        => SendAsync(new HttpRequestMessage(HttpMethod.Get, Prefix + path), cancellationToken);

    public void Dispose() => _http.Dispose();

    private Task<Answer> PostJsonAsync(string path, object body, CancellationToken cancellationToken)
        => SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, cancellationToken);

    /// <summary>Posts a form the way a browser does: the page first, for its antiforgery token (and cookie).</summary>
    private async Task<Answer> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken, string? formPage = null)
    {
        var page = await SendAsync(new HttpRequestMessage(HttpMethod.Get, formPage ?? path), cancellationToken);
        if (FormToken().Match(page.Text) is not { Success: true } token)
        {
            throw new HarnessException($"{formPage ?? path} ({page.Status}) has no antiforgery token: {page.Excerpt}");
        }
        var content = new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))]);
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, cancellationToken);
    }

    private async Task<Answer> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using (request)
        using (var response = await _http.SendAsync(request, cancellationToken))
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonElement? json = null;
            if (response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true && text.Length > 0)
            {
                try
                {
                    json = JsonDocument.Parse(text).RootElement.Clone();
                }
                catch (JsonException)
                {
                }
            }
            return new Answer((int)response.StatusCode, json, text, clock.Elapsed);
        }
    }

    [GeneratedRegex(""""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"""")]
    private static partial Regex FormToken();

    [GeneratedRegex("<code>(sst_[A-Za-z0-9_-]+)</code>")]
    private static partial Regex NewToken();
}
