using SchoolSite.AuditTrail.Services;
using SchoolSite.Core.Events;

namespace SchoolSite.AuditTrail.Handlers;

/// <summary>
/// Every audited event on a school's event path ends in its chain, a batch at once: a change's entry was saved with
/// the change (staged in the outbox) and is sealed from there; an action's entry (a sign-in, a refused publish) is
/// sealed as it comes.
/// </summary>
public sealed class AuditRecorder(AuditChain chain, SchoolEvents events) : ISchoolEventHandler<IAuditedEvent>
{
    // After the caches and indexes: an entry describes what the school now sees.
    public int Order => 1000;

    // The entry is sealed once, by the node where the change happened.
    public bool EveryNode => false;

    public Task HandleAsync(IReadOnlyList<IAuditedEvent> raised, CancellationToken cancellationToken)
        => chain.AppendAsync(raised.Where(e => !events.IsStaged(e)).Select(e => e.Audit).OfType<AuditEntry>().ToList(), cancellationToken);
}
