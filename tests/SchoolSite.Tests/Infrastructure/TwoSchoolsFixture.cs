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

    protected TwoSchoolsFixture(string provider) => Factory = new SchoolSiteFactory(provider, new VetoModule());

    public SchoolSiteFactory Factory { get; }

    public async Task InitializeAsync()
    {
        _ = Factory.Server; // starts the host: first-run set-up of the trust
        await Factory.CreateSchoolAsync("alpha", "Alpha Primary", "alpha");
        await Factory.CreateSchoolAsync("beta", "Beta Academy", "beta");
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class SqliteSchools() : TwoSchoolsFixture(TestDatabase.Sqlite);

public sealed class PostgreSqlSchools() : TwoSchoolsFixture(TestDatabase.PostgreSql);
