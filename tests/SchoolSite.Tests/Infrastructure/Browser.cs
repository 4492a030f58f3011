using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SchoolSite.Tests.Infrastructure;

/// <summary>
/// A person's browser against the test host: its own cookies, no automatic redirects, and forms posted
/// the way a browser posts them (with the antiforgery token from the page).
/// </summary>
public sealed partial class Browser : IDisposable
{
    private readonly HttpClient _client;

    public Browser(SchoolSiteFactory factory, string? host = null)
    {
        Cookies = new CookieContainer();
        _client = factory.CreateDefaultClient(new Uri($"http://{host ?? "localhost"}/"), new CookieHandler(Cookies));
    }

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
