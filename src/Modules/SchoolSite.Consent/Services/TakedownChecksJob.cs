using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Jobs;

namespace SchoolSite.Consent.Services;

/// <summary>
/// Settles takedown checks a crash left behind: a change that narrowed someone's consent was saved, but the host stopped
/// before it put the copies of their pictures outside the website on the takedown list. Checks from before this host
/// started, or older than a minute: a request still settling its own is left to finish.
/// </summary>
public sealed class TakedownChecksJob(TimeProvider time) : ISchoolJob
{
    private readonly DateTime _started = time.GetUtcNow().UtcDateTime;

    /// <summary>When a check just saved is looked at again: after the minute its own request has to settle it.</summary>
    public static readonly TimeSpan AfterACrash = TimeSpan.FromMinutes(2);

    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public string? Feature => Manifest.ConsentFeature;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var register = services.GetRequiredService<PeopleRegister>();
        var minuteAgo = time.GetUtcNow().UtcDateTime - TimeSpan.FromMinutes(1);
        var before = minuteAgo > _started ? minuteAgo : _started;
        var left = await register.Db.TakedownChecks.Where(c => c.CreatedUtc < before).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        await register.SettleAsync(left);
    }

    /// <summary>Again in a minute while checks are left; none, not until a change narrowing someone's consent wakes it.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
        => await services.GetRequiredService<PeopleRegister>().Db.TakedownChecks.AnyAsync(cancellationToken) ? now + Interval : null;
}
