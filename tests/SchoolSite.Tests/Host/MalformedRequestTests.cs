using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Data;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Host;

/// <summary>
/// Every write endpoint of the installation (found from its routes, so a new one is covered the day it is added) is sent
/// malformed requests made from a valid example, by the school's administrator: none may answer 500, every refusal is a
/// problem+json, and a request that must be refused stores nothing (every table of the school's and the trust's database
/// is compared before and after). The same on SQLite and PostgreSQL.
/// </summary>
public abstract class MalformedRequestTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private static readonly string[] WriteMethods = ["POST", "PUT", "DELETE", "PATCH"];

    [Fact]
    public void Every_write_endpoint_has_a_valid_example_to_break()
    {
        var endpoints = WriteEndpoints();
        Assert.True(endpoints.Count > 15, $"Only {endpoints.Count} write endpoints found; the sweep is not seeing the routes.");
        var missing = endpoints.Where(e => !WriteEndpointExamples.All.ContainsKey(e)).ToList();
        Assert.True(missing.Count == 0, "These write endpoints have no valid example in WriteEndpointExamples, so nothing checks how they take "
            + "malformed input. Add one:\n" + string.Join("\n", missing));
        var stale = WriteEndpointExamples.All.Keys.Where(k => !endpoints.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "WriteEndpointExamples has examples for endpoints that do not exist: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task No_malformed_request_to_a_write_endpoint_is_a_server_error_or_stored()
    {
        var factory = fixture.Factory;
        using var head = await factory.AlphaHeadAsync();
        using var trust = await factory.SignedInAsync(string.Empty, SchoolSiteFactory.TrustAdminEmail, SchoolSiteFactory.TrustAdminPassword);
        // The review endpoints answer only where review before publishing is on; with no review set up they still read their input first.
        await head.SubmitAsync("/alpha/admin/features", [new("id", "SchoolSite.Workflows")], "/alpha/admin/features?handler=Enable");
        var school = new SweepSchool(head);
        var state = new StoredState(factory, "alpha", TenantDatabases.HostTenantName);

        var failures = new List<string>();
        var sent = 0;
        foreach (var key in WriteEndpoints().Where(WriteEndpointExamples.All.ContainsKey).Order(StringComparer.Ordinal))
        {
            var example = WriteEndpointExamples.All[key];
            var (method, pattern) = (key.Split(' ')[0], key.Split(' ', 2)[1]);
            var (browser, pathBase) = example.Trust ? (trust, string.Empty) : (head, SweepSchool.PathBase);
            var url = await example.Url(school);
            using (var valid = await SendAsync(browser, method, pathBase + url, await ValidBodyAsync(example, school, url)))
            {
                if ((int)valid.StatusCode != example.Expect)
                {
                    failures.Add($"{key}: the valid example answered {(int)valid.StatusCode}, not {example.Expect}: {await ShortAsync(valid)}");
                }
            }
            var before = await state.TakeAsync();
            foreach (var malformed in WriteEndpointExamples.Malformed(example, pattern, url))
            {
                var body = malformed.Text is { } text
                    ? Text(MalformedRequests.Finish(await school.FillAsync(text, url)), malformed.ContentType)
                    : malformed.Make?.Invoke();
                using var response = await SendAsync(browser, method, pathBase + (malformed.Path ?? url), body);
                sent++;
                var after = await state.TakeAsync();
                if (await JudgeAsync(response, malformed, StoredState.Changed(before, after)) is { } wrong)
                {
                    failures.Add($"{key} with {malformed.What}: {wrong}");
                }
                before = after;
            }
        }
        Assert.True(sent > 1_000, $"Only {sent} malformed requests were sent; the sweep is not making them.");
        Assert.True(failures.Count == 0, $"Of {sent} malformed requests, {failures.Count} were not answered as they should be:\n"
            + string.Join("\n", failures.Take(200)));
    }

    /// <summary>What is wrong with how the request was answered, or null.</summary>
    private static async Task<string?> JudgeAsync(HttpResponseMessage response, Malformed malformed, List<string> changed)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return $"answered {status}: {await ShortAsync(response)}";
        }
        if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"refused ({status}) with {response.Content.Headers.ContentType?.MediaType ?? "no body"}, not a problem+json";
        }
        if (malformed.MustRefuse && status < 400)
        {
            return $"accepted ({status}): {await ShortAsync(response)}";
        }
        if (changed.Count > 0 && (malformed.MustRefuse || status >= 400))
        {
            return $"answered {status} but stored a change in {string.Join(", ", changed)}";
        }
        if (status == 400 && malformed.Field is { } field && !(await response.Content.ReadAsStringAsync()).Contains(field, StringComparison.OrdinalIgnoreCase))
        {
            return $"refused without naming {field}: {await ShortAsync(response)}";
        }
        return null;
    }

    /// <summary>"POST /api/people" and the like: every endpoint that changes something, as its route declares it.</summary>
    private HashSet<string> WriteEndpoints()
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/').TrimEnd('/');
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (WriteMethods.Contains(method))
                {
                    result.Add($"{method} {pattern}");
                }
            }
        }
        return result;
    }

    private static async Task<HttpContent?> ValidBodyAsync(WriteExample example, SweepSchool school, string url)
        => example.Kind == BodyKind.Json ? Text(await school.FillAsync(example.Body!, url), "application/json") : WriteEndpointExamples.Valid(example);

    private static StringContent Text(string text, string contentType)
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType) { CharSet = "utf-8" };
        return content;
    }

    private static async Task<HttpResponseMessage> SendAsync(Browser browser, string method, string url, HttpContent? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = body };
        return await browser.Http.SendAsync(request);
    }

    private static async Task<string> ShortAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}

public sealed class MalformedRequestsOnSqlite(QuietSqliteSchools fixture) : MalformedRequestTests<QuietSqliteSchools>(fixture), IClassFixture<QuietSqliteSchools>;

public sealed class MalformedRequestsOnPostgreSql(QuietPostgreSqlSchools fixture) : MalformedRequestTests<QuietPostgreSqlSchools>(fixture), IClassFixture<QuietPostgreSqlSchools>;
