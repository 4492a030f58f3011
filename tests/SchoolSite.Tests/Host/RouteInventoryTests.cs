using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Host;

/// <summary>
/// Security by construction: every endpoint of the installation is tried without signing in, on the
/// trust dashboard and on a school; only those on the public list may answer.
/// </summary>
public abstract class RouteInventoryTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private static readonly string PublicListFile = Path.Combine(SchoolSiteFactory.RepositoryRoot, "src", "SchoolSite.Web", "public-endpoints.txt");

    [Fact]
    public async Task No_endpoint_off_the_public_list_answers_an_anonymous_request()
    {
        var publicList = ReadPublicList();
        var endpoints = Inventory();
        Assert.True(endpoints.Count > 20, $"Only {endpoints.Count} endpoints found; the inventory is not seeing the routes.");

        var reachable = new List<string>();
        using var anonymous = new Browser(fixture.Factory);
        foreach (var (method, pattern) in endpoints)
        {
            if (publicList.Contains((method, pattern)) || publicList.Contains(("*", pattern)))
            {
                continue;
            }
            foreach (var pathBase in new[] { string.Empty, "/alpha" })
            {
                var url = pathBase + Fill(pattern);
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }
                var response = await anonymous.Http.SendAsync(request);
                if (!Refused(response, pathBase))
                {
                    reachable.Add($"{method} {url} → {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }
        Assert.True(reachable.Count == 0,
            "These endpoints answer anonymous requests but are not on public-endpoints.txt:\n" + string.Join("\n", reachable));
    }

    [Fact]
    public void Every_entry_on_the_public_list_is_a_real_endpoint()
    {
        var endpoints = Inventory();
        var stale = ReadPublicList().Where(entry => !endpoints.Any(e => e.Pattern == entry.Pattern && (entry.Method == "*" || e.Method == entry.Method))).ToList();
        Assert.True(stale.Count == 0, "public-endpoints.txt lists endpoints that do not exist: " + string.Join(", ", stale));
    }

    /// <summary>Refused means: not found, not allowed, or sent to sign in.</summary>
    private static bool Refused(HttpResponseMessage response, string pathBase) => response.StatusCode switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed => true,
        HttpStatusCode.Redirect or HttpStatusCode.Found => response.Headers.Location?.AbsolutePath is { } to
            && (to == pathBase + "/login" || to == pathBase + "/access-denied"),
        _ => false,
    };

    private List<(string Method, string Pattern)> Inventory()
    {
        var source = fixture.Factory.Services.GetRequiredService<EndpointDataSource>();
        var result = new List<(string, string)>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            foreach (var method in methods is { Count: > 0 } ? methods : ["GET", "POST"])
            {
                result.Add((method, pattern));
            }
        }
        return result.Distinct().ToList();
    }

    private static HashSet<(string Method, string Pattern)> ReadPublicList()
        => File.ReadAllLines(PublicListFile)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2, StringSplitOptions.TrimEntries))
            .Select(p => (p[0], p[1]))
            .ToHashSet();

    /// <summary>A concrete URL for a route pattern: every parameter gets a plausible value.</summary>
    private static string Fill(string pattern)
        => System.Text.RegularExpressions.Regex.Replace(pattern, "\\{\\*?([A-Za-z]+)[^}]*\\}", m => m.Groups[1].Value switch
        {
            "name" => "alpha",
            _ => "inventory-" + m.Groups[1].Value,
        });
}

public sealed class RouteInventoryOnSqlite(SqliteSchools fixture) : RouteInventoryTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class RouteInventoryOnPostgreSql(PostgreSqlSchools fixture) : RouteInventoryTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
