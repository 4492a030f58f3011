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

    protected TwoSchoolsFixture(string provider, bool jobsOnTheirTimer = true)
    {
        Factory = new SchoolSiteFactory(provider, new VetoModule());
        if (!jobsOnTheirTimer)
        {
            // The job runner's timer never comes round: a test that compares every table before and after a request
            // sees only what the request stored (it calls a job itself when it needs one).
            Factory.Extra["SchoolSite:Jobs:Tick"] = "40.00:00:00";
        }
    }

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

public sealed class QuietSqliteSchools() : TwoSchoolsFixture(TestDatabase.Sqlite, jobsOnTheirTimer: false);

public sealed class QuietPostgreSqlSchools() : TwoSchoolsFixture(TestDatabase.PostgreSql, jobsOnTheirTimer: false);
