using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Users;

namespace SchoolSite.Tests.Host;

/// <summary>
/// Every endpoint checks its permission first: each school page and API that names a permission is tried by a
/// person in each of the school's roles, and answers them exactly as their role allows — refused when the role
/// lacks the permission, not refused when it holds it.
/// </summary>
public abstract class RoleMatrixTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private static readonly string[] Roles = ["Administrator", "Headteacher", "SeniorLeader", "Editor", "Author", "Contributor", "DataProtectionOfficer", "Staff"];

    [Fact]
    public async Task Each_role_reaches_exactly_the_endpoints_its_permissions_allow()
    {
        var factory = fixture.Factory;
        var endpoints = PermissionEndpoints(factory);
        Assert.True(endpoints.Count > 25, $"Only {endpoints.Count} endpoints name a permission; the matrix is not seeing the routes.");

        using var admin = await factory.AlphaHeadAsync();
        var wrong = new List<string>();
        var probes = 0;
        var refusals = 0;
        await using var school = await factory.Services.GetRequiredService<TenantScopes>().EnterAsync(factory.Services.GetRequiredService<TenantRegistry>().Find("alpha")!);
        var grants = school.ServiceProvider.GetRequiredService<IRolePermissions>();
        foreach (var role in Roles)
        {
            var email = await Accounts.CreateAsync(admin, "/alpha", role, role);
            using var person = await factory.SignedInAsync("/alpha", email, People.StaffPassword);
            foreach (var (method, pattern, permission) in endpoints)
            {
                var allowed = await grants.GrantsAsync([role], permission);
                using var request = new HttpRequestMessage(new HttpMethod(method), "/alpha" + Fill(pattern));
                if (method is "POST" or "PUT")
                {
                    request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                }
                var response = await person.Http.SendAsync(request);
                probes++;
                refusals += allowed ? 0 : 1;
                if (Refused(response) == allowed)
                {
                    wrong.Add($"{role} {method} {pattern} (needs {permission}, {(allowed ? "held" : "not held")}) → {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }
        Assert.True(refusals > 50 && probes - refusals > 50, $"Of {probes} probes, {refusals} should be refused: the roles do not differ enough to test.");
        Assert.True(wrong.Count == 0, $"Of {probes} probes, these answered against the role's permissions:\n" + string.Join("\n", wrong));
    }

    /// <summary>School endpoints whose authorization names a permission, with that permission.</summary>
    private static List<(string Method, string Pattern, string Permission)> PermissionEndpoints(SchoolSiteFactory factory)
    {
        var result = new List<(string, string, string)>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<HostOnlyAttribute>() is not null)
            {
                continue;
            }
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy)
                .Where(p => p?.StartsWith(PermissionRequirement.PolicyPrefix, StringComparison.Ordinal) == true).ToList();
            if (policies.Count != 1)
            {
                continue; // none: not a permission endpoint; several: the matrix cannot tell which one refused
            }
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared ? declared : ["GET"];
            foreach (var method in methods)
            {
                result.Add((method, pattern, policies[0]![PermissionRequirement.PolicyPrefix.Length..]));
            }
        }
        return result.Distinct().ToList();
    }

    /// <summary>Refused: 403, or sent to the access-denied page.</summary>
    private static bool Refused(HttpResponseMessage response)
        => response.StatusCode == HttpStatusCode.Forbidden
            || response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && response.Headers.Location?.AbsolutePath.EndsWith("/access-denied", StringComparison.Ordinal) == true;

    private static string Fill(string pattern)
        => System.Text.RegularExpressions.Regex.Replace(pattern, "\\{\\*?([A-Za-z]+)[^}]*\\}", m => "matrix-" + m.Groups[1].Value);
}

public sealed class RoleMatrixOnSqlite(SqliteSchools fixture) : RoleMatrixTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class RoleMatrixOnPostgreSql(PostgreSqlSchools fixture) : RoleMatrixTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
