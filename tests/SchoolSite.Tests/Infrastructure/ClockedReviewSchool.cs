namespace SchoolSite.Tests.Infrastructure;

/// <summary>
/// For tests that move the clock: a fresh installation on a fake clock (Monday 2 November 2026, 09:00 UTC)
/// with the review school and its staff, sending its e-mail to an SMTP sink.
/// </summary>
public abstract class ClockedReviewSchool : IAsyncLifetime
{
    protected const string Base = ReviewSchoolFixture.PathBase;

    protected ClockedFactory Factory { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    protected SmtpSink Mail { get; } = new();

    public async Task InitializeAsync()
    {
        ReviewSchoolFixture.SendMailTo(Factory, Mail);
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
