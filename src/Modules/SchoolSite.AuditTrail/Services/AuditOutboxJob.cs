using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Jobs;

namespace SchoolSite.AuditTrail.Services;

/// <summary>
/// Seals entries left in a school's outbox: a change saved just before the host stopped (or whose event path
/// failed after the save) has its entry there, and it reaches the chain within a minute.
/// </summary>
public sealed class AuditOutboxJob : ISchoolJob
{
    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
        => services.GetRequiredService<AuditChain>().AppendAsync([], cancellationToken);

    /// <summary>
    /// Again in a minute while entries are left (the chain could not take them); none left, not until the school is next
    /// used: an entry a crash left is sealed the first minute the school is loaded again, by whoever asks for it.
    /// </summary>
    public async Task<DateTimeOffset?> NextDueAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
        => await services.GetRequiredService<AuditChain>().HasOutboxAsync(cancellationToken) ? now + Interval : null;
}
