using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Host;

/// <summary>
/// Schools served by prefix share one origin, and a school's administrator may edit its templates. The forged
/// requests of the security review, replayed: a form or a plain-text post sent with a visitor's session cookie
/// changes nothing, while the admin's own calls (with the antiforgery header) and token calls still work.
/// </summary>
public sealed class ForgeryTests(SqliteSchools fixture) : IClassFixture<SqliteSchools>
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_plain_text_post_with_the_trust_admins_cookie_makes_no_school()
    {
        using var trust = await TrustAdminAsync();
        trust.SendsApiToken = false;
        var body = """{"name":"forged","displayName":"Forged","prefix":"forged","recipe":"school-site","adminEmail":"x@forged.example","adminPassword":"chosen by an attacker"}""";

        var forged = await trust.Http.SendAsync(FromThisOrigin(HttpMethod.Post, "/api/tenants", new StringContent(body, Encoding.UTF8, "text/plain")));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("antiforgery", (await ContentApiClient.ProblemAsync(forged)).GetProperty("title").GetString());

        // With the token, a plain-text body is still not taken as JSON.
        trust.SendsApiToken = true;
        var plain = await trust.Http.PostAsync("/api/tenants", new StringContent(body, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plain.StatusCode);
        Assert.Contains("application/json", (await ContentApiClient.ProblemAsync(plain)).GetProperty("title").GetString());

        var schools = await trust.Http.GetFromJsonAsync<JsonElement>("/api/tenants");
        Assert.DoesNotContain(schools.EnumerateArray(), s => s.GetProperty("name").GetString() == "forged");
        Assert.Equal(HttpStatusCode.NotFound, (await new Browser(Factory).GetAsync("/forged/")).StatusCode);
    }

    [Fact]
    public async Task A_form_posted_with_the_trust_admins_cookie_does_not_disable_a_school_but_the_admins_own_call_does()
    {
        await Factory.CreateSchoolAsync("gamma", "Gamma Infants", "gamma");
        using var trust = await TrustAdminAsync();
        using var visitor = new Browser(Factory);
        trust.SendsApiToken = false;

        var forged = await trust.Http.SendAsync(FromThisOrigin(HttpMethod.Post, "/api/tenants/gamma/disable", new FormUrlEncodedContent([])));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync("/gamma/")).StatusCode);

        trust.SendsApiToken = true;
        Assert.Equal(HttpStatusCode.OK, (await trust.Http.PostAsync("/api/tenants/gamma/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await visitor.GetAsync("/gamma/")).StatusCode);
    }

    [Fact]
    public async Task A_forged_consent_answer_does_not_turn_refused_into_granted()
    {
        using var head = await Factory.AlphaHeadAsync();
        var pupil = await Register.PupilAsync(head, "/alpha", "Rosa", "Lind");
        await Register.ConsentAsync(head, "/alpha", pupil, "website", "Refused");
        head.SendsApiToken = false;
        var answer = """{"purpose":"website","status":"Granted","givenBy":"Parent","method":"paper form"}""";

        var asText = await head.Http.SendAsync(FromThisOrigin(HttpMethod.Post, $"/alpha/api/people/{pupil}/consents", new StringContent(answer, Encoding.UTF8, "text/plain")));
        Assert.Equal(HttpStatusCode.Forbidden, asText.StatusCode);
        var asJson = await head.Http.SendAsync(FromThisOrigin(HttpMethod.Post, $"/alpha/api/people/{pupil}/consents", JsonContent.Create(JsonDocument.Parse(answer).RootElement)));
        Assert.Equal(HttpStatusCode.Forbidden, asJson.StatusCode);

        var person = await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/people/{pupil}");
        Assert.False(person.GetProperty("consents").GetProperty("website").GetProperty("cleared").GetBoolean());
    }

    [Fact]
    public async Task A_call_from_another_site_is_refused_even_with_a_token()
    {
        using var head = await Factory.AlphaHeadAsync();
        var token = await head.Http.GetFromJsonAsync<JsonElement>("/alpha/api/antiforgery");
        head.SendsApiToken = false;
        var request = new HttpRequestMessage(HttpMethod.Post, "/alpha/api/people")
        {
            Content = JsonContent.Create(new { externalId = "x-1", kind = "Pupil", legalFirstName = "Cross", legalLastName = "Site", yearGroup = "Year 1", className = "1A" }),
        };
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        var response = await head.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("another site", (await ContentApiClient.ProblemAsync(response)).GetProperty("title").GetString());

        var other = new HttpRequestMessage(HttpMethod.Post, "/alpha/api/people") { Content = JsonContent.Create(new { kind = "Pupil" }) };
        other.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        other.Headers.Add("Origin", "https://attacker.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await head.Http.SendAsync(other)).StatusCode);
    }

    [Fact]
    public async Task A_token_from_one_school_does_not_pass_at_another()
    {
        using var alpha = await Factory.AlphaHeadAsync();
        using var beta = await Factory.SignedInAsync("/beta", TwoSchoolsFixture.BetaAdmin, TwoSchoolsFixture.AdminPassword);
        var alphaToken = await alpha.Http.GetFromJsonAsync<JsonElement>("/alpha/api/antiforgery");
        beta.SendsApiToken = false;
        var request = new HttpRequestMessage(HttpMethod.Post, "/beta/api/people")
        {
            Content = JsonContent.Create(new { externalId = "x-2", kind = "Pupil", legalFirstName = "Wrong", legalLastName = "Token", yearGroup = "Year 1", className = "1A" }),
        };
        request.Headers.Add("RequestVerificationToken", alphaToken.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await beta.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task A_schools_pages_may_send_forms_only_to_that_school()
    {
        using var visitor = new Browser(Factory);
        var school = await visitor.GetAsync("/alpha/");
        var policy = string.Join(";", school.Headers.GetValues("Content-Security-Policy"));
        var formAction = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("form-action ", StringComparison.Ordinal));
        Assert.Equal("form-action http://localhost/alpha/", formAction);

        // The sign-in form posts back to the school's own address, so it still works there (the browser tests sign in through it).
        var signIn = await visitor.GetPageAsync("/alpha/login");
        Assert.All(System.Text.RegularExpressions.Regex.Matches(signIn, "<form[^>]*>").Select(m => m.Value),
            form => Assert.True(!form.Contains("action=") || form.Contains("action=\"/alpha/"), form));

        var trust = await visitor.GetAsync("/login");
        Assert.Contains("form-action 'self'", string.Join(";", trust.Headers.GetValues("Content-Security-Policy")));
    }

    private async Task<Browser> TrustAdminAsync()
        => await Factory.SignedInAsync(string.Empty, SchoolSiteFactory.TrustAdminEmail, SchoolSiteFactory.TrustAdminPassword);

    /// <summary>What a browser sends for a form on one of this installation's pages: same origin, cookies attached.</summary>
    private static HttpRequestMessage FromThisOrigin(HttpMethod method, string url, HttpContent content)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("Origin", "http://localhost");
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        return request;
    }
}
