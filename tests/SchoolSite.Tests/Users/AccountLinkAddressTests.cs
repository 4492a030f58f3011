using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SchoolSite.Core.Data;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Services;

namespace SchoolSite.Tests.Users;

/// <summary>Links in account e-mails point at an address the installation knows, never at a Host header someone made up.</summary>
public sealed class AccountLinkAddressTests
{
    [Theory]
    // A host the installation knows is believed, with the prefix the request came by.
    [InlineData("oakwood.example", "", "https://oakwood.example")]
    [InlineData("schools.trust.example", "/oak", "https://schools.trust.example/oak")]
    [InlineData("dashboard.trust.example", "/oak", "https://dashboard.trust.example/oak")]
    // Any other host (a forged one, for "forgot password"): the trust's public address and the school's prefix.
    [InlineData("attacker.example", "/oak", "https://schools.trust.example/oak")]
    public void A_link_uses_the_request_host_only_when_the_installation_knows_it(string host, string pathBase, string expected)
    {
        var address = Address(publicOrigin: "https://schools.trust.example", hosts: ["dashboard.trust.example"]);
        Assert.Equal(expected, address.BaseFor(Request(host, pathBase)));
    }

    [Fact]
    public void An_installation_that_answers_any_host_can_only_use_the_request_host()
    {
        var address = Address(publicOrigin: null, hosts: []);
        Assert.Equal("https://localhost:5001/oak", address.BaseFor(Request("localhost:5001", "/oak")));
    }

    private static AccountLinkAddress Address(string? publicOrigin, List<string> hosts)
    {
        var tenant = new TenantContext();
        tenant.Enter(new TenantInfo("oak", "Oakwood Primary", TenantState.Running, "oak", ["oakwood.example"], DateTime.UnixEpoch), null);
        return new AccountLinkAddress(Options.Create(new SchoolSiteOptions { PublicOrigin = publicOrigin, Hosts = hosts }), tenant);
    }

    private static HttpRequest Request(string host, string pathBase)
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = "https";
        http.Request.Host = new HostString(host);
        http.Request.PathBase = pathBase;
        return http.Request;
    }
}
