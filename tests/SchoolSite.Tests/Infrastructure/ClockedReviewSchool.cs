namespace SchoolSite.Tests.Infrastructure;

/// <summary>
/// For tests that move the clock: a fresh installation on a fake clock (Monday 2 November 2026, 09:00 UTC unless
/// given) with the review school and its staff, sending its e-mail to an SMTP sink; on SQLite unless given.
/// </summary>
public abstract class ClockedReviewSchool(string provider = TestDatabase.Sqlite, DateTimeOffset? start = null) : IAsyncLifetime
{
    protected const string Base = ReviewSchoolFixture.PathBase;

    protected ClockedFactory Factory { get; } = new(start ?? new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), provider);

    protected SmtpSink Mail { get; } = new();

    /// <summary>Settings of the installation before it starts (<see cref="SchoolSiteFactory.Extra"/>).</summary>
    protected virtual void Configure(ClockedFactory factory)
    {
    }

    public async Task InitializeAsync()
    {
        ReviewSchoolFixture.SendMailTo(Factory, Mail);
        Configure(Factory);
        _ = Factory.Server;
        await Factory.CreateSchoolAsync(ReviewSchoolFixture.School, "Review Primary", ReviewSchoolFixture.School, recipe: "school");
        await ReviewSchoolFixture.AddStaffAsync(Factory);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Mail.DisposeAsync();
    }
}
