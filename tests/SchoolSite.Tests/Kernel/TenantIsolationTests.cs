using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Tenancy;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Users.Models;

namespace SchoolSite.Tests.Kernel;

/// <summary>Two schools in one installation never see each other's people or sessions.</summary>
public abstract class TenantIsolationTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task The_same_user_name_lives_in_both_schools_with_different_passwords()
    {
        const string email = "teacher.same@example.org";
        await CreateUserAsync("/alpha", TwoSchoolsFixture.AlphaAdmin, email, "alpha teacher password");
        await CreateUserAsync("/beta", TwoSchoolsFixture.BetaAdmin, email, "beta teacher password");

        using var browser = new Browser(Factory);
        await browser.SignInOrFailAsync("/alpha", email, "alpha teacher password");
        await browser.SignInOrFailAsync("/beta", email, "beta teacher password");

        using var wrong = new Browser(Factory);
        var alphaWithBetaPassword = await wrong.SignInAsync("/alpha", email, "beta teacher password");
        Assert.Equal(HttpStatusCode.OK, alphaWithBetaPassword.StatusCode);
        Assert.Contains("not right", await alphaWithBetaPassword.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_session_from_one_school_is_anonymous_at_another()
    {
        using var alpha = new Browser(Factory);
        await alpha.SignInOrFailAsync("/alpha", TwoSchoolsFixture.AlphaAdmin, TwoSchoolsFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await alpha.GetAsync("/alpha/admin")).StatusCode);
        var alphaCookie = alpha.Cookies.GetCookies(new Uri("http://localhost/alpha/admin")).Single(c => c.Name.StartsWith(".SchoolSite.Auth"));
        Assert.Equal(".SchoolSite.Auth.alpha", alphaCookie.Name);
        Assert.Equal("/alpha", alphaCookie.Path);

        // The browser does not send alpha's cookie to beta at all (path and name differ)...
        var betaAdmin = await alpha.GetAsync("/beta/admin");
        Assert.Equal(HttpStatusCode.Redirect, betaAdmin.StatusCode);
        Assert.StartsWith("http://localhost/beta/login", betaAdmin.Headers.Location!.ToString());

        // ...and a copied ticket, under beta's name or alpha's, is not accepted there either.
        foreach (var name in new[] { ".SchoolSite.Auth.beta", ".SchoolSite.Auth.alpha" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/beta/admin");
            request.Headers.Add("Cookie", $"{name}={alphaCookie.Value}");
            using var stranger = Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
            var response = await stranger.SendAsync(request);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/beta/login", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task What_one_school_creates_is_not_readable_in_another()
    {
        const string email = "only.alpha@example.org";
        await CreateUserAsync("/alpha", TwoSchoolsFixture.AlphaAdmin, email, "only alpha password");

        using var beta = new Browser(Factory);
        await beta.SignInOrFailAsync("/beta", TwoSchoolsFixture.BetaAdmin, TwoSchoolsFixture.AdminPassword);
        var betaUsers = await beta.GetPageAsync("/beta/admin/users");
        Assert.DoesNotContain(email, betaUsers);
        Assert.Contains(TwoSchoolsFixture.BetaAdmin, betaUsers);

        using var alpha = new Browser(Factory);
        await alpha.SignInOrFailAsync("/alpha", TwoSchoolsFixture.AlphaAdmin, TwoSchoolsFixture.AdminPassword);
        Assert.Contains(email, await alpha.GetPageAsync("/alpha/admin/users"));

        // And at the data layer: beta's database simply has no such row.
        Assert.Equal(0, await CountUsersAsync("beta", email));
        Assert.Equal(1, await CountUsersAsync("alpha", email));
    }

    private async Task<int> CountUsersAsync(string tenantName, string email)
    {
        using var scope = Factory.Services.CreateScope();
        var registry = scope.ServiceProvider.GetRequiredService<TenantRegistry>();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(registry.Find(tenantName)!, null);
        var db = scope.ServiceProvider.GetRequiredService<UsersDbContext>();
        return await db.Users.CountAsync(u => u.Email == email);
    }

    private async Task CreateUserAsync(string pathBase, string adminEmail, string email, string password)
    {
        using var admin = new Browser(Factory);
        await admin.SignInOrFailAsync(pathBase, adminEmail, TwoSchoolsFixture.AdminPassword);
        var response = await admin.SubmitAsync($"{pathBase}/admin/users/create",
            ("Input.DisplayName", "A Teacher"), ("Input.Email", email), ("Input.Password", password), ("Input.Roles", "Staff"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Contains("can now sign in"), $"Creating {email} on {pathBase} failed: {Browser.ErrorText(body)}");
    }
}

public sealed class TenantIsolationOnSqlite(SqliteSchools fixture) : TenantIsolationTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class TenantIsolationOnPostgreSql(PostgreSqlSchools fixture) : TenantIsolationTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
