using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Provisioning;

namespace SchoolSite.Tests.Infrastructure;

/// <summary>
/// One installation with two schools, alpha (/alpha) and beta (/beta),
/// shared by most integration tests. One fixture per database engine.
/// </summary>
public abstract class TwoSchoolsFixture : IAsyncLifetime
{
    public const string AlphaAdmin = "head@alpha.example";
    public const string BetaAdmin = "head@beta.example";
    public const string AdminPassword = "a long school password";

    protected TwoSchoolsFixture(string provider) => Factory = new SchoolSiteFactory(provider);

    public SchoolSiteFactory Factory { get; }

    public async Task InitializeAsync()
    {
        _ = Factory.Server; // starts the host: first-run set-up of the trust
        var provisioner = Factory.Services.GetRequiredService<TenantProvisioner>();
        await ProvisionOrFailAsync(provisioner, new TenantRequest
        {
            Name = "alpha", DisplayName = "Alpha Primary", Prefix = "alpha", Recipe = "school", AdminEmail = AlphaAdmin, AdminPassword = AdminPassword,
        });
        await ProvisionOrFailAsync(provisioner, new TenantRequest
        {
            Name = "beta", DisplayName = "Beta Academy", Prefix = "beta", Recipe = "school", AdminEmail = BetaAdmin, AdminPassword = AdminPassword,
        });
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    private static async Task ProvisionOrFailAsync(TenantProvisioner provisioner, TenantRequest request)
    {
        var result = await provisioner.ProvisionAsync(request);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not provision {request.Name}: {result.Describe()}");
        }
    }
}

public sealed class SqliteSchools() : TwoSchoolsFixture(TestDatabase.Sqlite);

public sealed class PostgreSqlSchools() : TwoSchoolsFixture(TestDatabase.PostgreSql);
