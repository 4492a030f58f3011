using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SchoolSite.Tests.Infrastructure;

/// <summary>
/// A person's browser against the test host: its own cookies, no automatic redirects, and forms posted
/// the way a browser posts them (with the antiforgery token from the page). Changes sent to the JSON API
/// carry the antiforgery header, the way the admin's own scripts send it, unless <see cref="SendsApiToken"/> is off.
/// </summary>
public sealed partial class Browser : IDisposable
{
    private readonly HttpClient _client;

    public Browser(SchoolSiteFactory factory, string? host = null)
    {
        Cookies = new CookieContainer();
        _client = factory.CreateDefaultClient(new Uri($"http://{host ?? "localhost"}/"), new ApiTokenHandler(this), new CookieHandler(Cookies));
    }

    /// <summary>A browser against a real server (a web node started as its own process), at <paramref name="address"/>.</summary>
    public Browser(Uri address, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        var network = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        var handlers = new CookieHandler(Cookies) { InnerHandler = network };
        _client = new HttpClient(new ApiTokenHandler(this) { InnerHandler = handlers }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Whether changes sent to the JSON API carry the antiforgery header (off to play a forged request).</summary>
    public bool SendsApiToken { get; set; } = true;

    public CookieContainer Cookies { get; }

    public HttpClient Http => _client;

    public Task<HttpResponseMessage> GetAsync(string url) => _client.GetAsync(url);

    public async Task<string> GetPageAsync(string url)
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode,
            $"GET {url} answered {(int)response.StatusCode} {response.Headers.Location}: {body[..Math.Min(body.Length, 500)]}");
        return body;
    }

    /// <summary>Opens the page at <paramref name="pageUrl"/>, then submits a form to <paramref name="action"/> with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? action = null)
    {
        var page = await GetPageAsync(pageUrl);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"The page {pageUrl} has no antiforgery token.");
        var form = fields.Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))).ToList();
        return await _client.PostAsync(action ?? pageUrl, new FormUrlEncodedContent(form));
    }

    /// <summary>Submits a form with a file (multipart), with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> UploadAsync(string pageUrl, string fileField, string fileName, byte[] bytes, string contentType,
        params (string Name, string Value)[] fields)
    {
        var page = await GetPageAsync(pageUrl);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"The page {pageUrl} has no antiforgery token.");
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, fileField, fileName);
        foreach (var (name, value) in fields.Append(("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))))
        {
            form.Add(new StringContent(value), name);
        }
        return await _client.PostAsync(pageUrl, form);
    }

    public Task<HttpResponseMessage> SubmitAsync(string pageUrl, params (string Name, string Value)[] fields)
        => SubmitAsync(pageUrl, fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    public async Task<HttpResponseMessage> SignInAsync(string pathBase, string email, string password)
        => await SubmitAsync($"{pathBase}/login", ("Input.Email", email), ("Input.Password", password));

    public async Task SignInOrFailAsync(string pathBase, string email, string password)
    {
        var response = await SignInAsync(pathBase, email, password);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in as {email} on '{pathBase}' failed: {(int)response.StatusCode} {ErrorText(body)}");
    }

    /// <summary>The error messages a page shows (validation summary and field errors), for assertion messages.</summary>
    public static string ErrorText(string html)
        => string.Join(" | ", ErrorItem().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)));

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<li>([^<]+)</li>|field-validation-error[^>]*>([^<]+)<")]
    private static partial Regex ErrorItem();

    /// <summary>
    /// Adds the antiforgery header to a change sent to a school's JSON API with the session cookie, fetching
    /// the token from that school's <c>api/antiforgery</c> the way the admin's scripts do.
    /// </summary>
    private sealed class ApiTokenHandler(Browser browser) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var api = path.IndexOf("/api/", StringComparison.Ordinal);
            if (browser.SendsApiToken && api >= 0 && request.Method != HttpMethod.Get && request.Method != HttpMethod.Head
                && request.Headers.Authorization is null && !request.Headers.Contains("RequestVerificationToken"))
            {
                using var ask = new HttpRequestMessage(HttpMethod.Get, new Uri(request.RequestUri, path[..api] + "/api/antiforgery"));
                using var answer = await base.SendAsync(ask, cancellationToken);
                if (answer.IsSuccessStatusCode)
                {
                    using var json = System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync(cancellationToken));
                    request.Headers.Add(json.RootElement.GetProperty("headerName").GetString()!, json.RootElement.GetProperty("token").GetString());
                }
            }
            return await base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Keeps cookies like a browser would, per path.</summary>
    private sealed class CookieHandler(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = cookies.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0)
            {
                request.Headers.Remove("Cookie");
                request.Headers.Add("Cookie", header);
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    cookies.SetCookies(request.RequestUri!, setCookie);
                }
            }
            return response;
        }
    }
}
