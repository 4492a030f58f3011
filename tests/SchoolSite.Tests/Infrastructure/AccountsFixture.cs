namespace SchoolSite.Tests.Infrastructure;

/// <summary>
/// A school as shipped for accounts: administrators invite people by e-mail (no password field), the e-mail goes to
/// an SMTP sink, and the clock is the test's (Monday 2 November 2026, 09:00 UTC) so links can be made to run out.
/// </summary>
public abstract class AccountsFixture(string provider) : IAsyncLifetime
{
    public const string School = "/gamma";
    public const string Head = "head@gamma.example";

    public ClockedFactory Factory { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), provider);

    public SmtpSink Mail { get; } = new();

    public async Task InitializeAsync()
    {
        ReviewSchoolFixture.SendMailTo(Factory, Mail);
        Factory.Extra["SchoolSite:Users:AdministratorsSetPasswords"] = "false";
        _ = Factory.Server;
        await Factory.CreateSchoolAsync("gamma", "Gamma Primary", "gamma");
    }

    public Task<Browser> HeadAsync() => Factory.SignedInAsync(School, Head, TwoSchoolsFixture.AdminPassword);

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

public sealed class SqliteAccounts() : AccountsFixture(TestDatabase.Sqlite);

public sealed class PostgreSqlAccounts() : AccountsFixture(TestDatabase.PostgreSql);
