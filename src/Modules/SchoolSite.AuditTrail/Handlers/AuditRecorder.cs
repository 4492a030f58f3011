using SchoolSite.AuditTrail.Services;
using SchoolSite.Core.Events;

namespace SchoolSite.AuditTrail.Handlers;

/// <summary>Every audited event on a school's event path becomes an entry in its chain; a batch is written at once.</summary>
public sealed class AuditRecorder(AuditChain chain) : ISchoolEventHandler<IAuditedEvent>
{
    // After the caches and indexes: an entry describes what the school now sees.
    public int Order => 1000;

    public Task HandleAsync(IReadOnlyList<IAuditedEvent> events, CancellationToken cancellationToken)
        => chain.AppendAsync(events.Select(e => e.Audit).OfType<AuditEntry>().ToList(), cancellationToken);
}
