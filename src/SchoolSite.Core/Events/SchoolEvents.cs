using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SchoolSite.Core.Cluster;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Events;

/// <summary>
/// A change in one school, announced once where it happens (a person's consent, a picture, a publish, the
/// settings). Caches, in-memory indexes and the audit trail subscribe; nothing evicts or audits around it.
/// Events are plain records of strings and numbers, so that they can be carried between web nodes later.
/// </summary>
public interface ISchoolEvent;

/// <summary>Reacts to events of one kind, raised in the school's own scope.</summary>
public interface ISchoolEventHandler<in TEvent> where TEvent : ISchoolEvent
{
    /// <summary>Lower runs first: an index is rebuilt before the pages that read it are evicted.</summary>
    int Order => 0;

    /// <summary>
    /// Whether this handler also runs on the other web nodes when the event was raised on one of them. True for what
    /// each node keeps in memory (indexes, cached pages), which every node must forget; false for what must happen
    /// once for the installation (an audit entry, an e-mail). On by default: a forgotten index is a picture shown too long.
    /// </summary>
    bool EveryNode => true;

    /// <summary>Several events may come at once (an import of the whole register), in the order they happened.</summary>
    Task HandleAsync(IReadOnlyList<TEvent> events, CancellationToken cancellationToken);
}

/// <summary>
/// The one event path of a school. In-process: handlers registered for the event's type, or for an
/// interface it implements (the audit trail listens for every <see cref="IAuditedEvent"/>), run in order
/// in the scope that raised it.
/// <para>
/// An audited change is first <see cref="Stage">staged</see> on the DbContext that saves it, so its audit entry
/// commits in the same transaction as the change; it is raised once saved. Raising an audited change that was not
/// staged is a programming error (refused), so no path can land a change without its entry.
/// </para>
/// </summary>
public sealed class SchoolEvents(IServiceProvider services)
{
    private static readonly ConcurrentDictionary<Type, Type[]> HandlerTypes = new();

    private readonly HashSet<ISchoolEvent> _staged = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Adds the audit entries of <paramref name="events"/> to <paramref name="db"/>, to be saved with the change
    /// (call before its <c>SaveChangesAsync</c>, then raise the same events once it is saved).
    /// </summary>
    public void Stage(DbContext db, params IEnumerable<IAuditedEvent> events)
    {
        if (db.Model.FindEntityType(typeof(PendingAuditEntry)) is null)
        {
            throw new InvalidOperationException($"{db.GetType().Name} does not map the audit outbox: call modelBuilder.AddAuditOutbox() in its OnModelCreating.");
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        foreach (var @event in events)
        {
            _staged.Add(@event);
            if (@event.Audit is { } entry)
            {
                db.Add(new PendingAuditEntry
                {
                    RecordedUtc = now, Actor = entry.Actor, Category = entry.Category, Action = entry.Action, Subject = entry.Subject,
                    Before = entry.Before, After = entry.After,
                });
            }
        }
    }

    /// <summary>Saves <paramref name="db"/>'s changes together with the audit entries of <paramref name="events"/>, then raises them.</summary>
    public async Task CommitAsync<TEvent>(DbContext db, IReadOnlyList<TEvent> events, CancellationToken cancellationToken = default) where TEvent : ISchoolEvent
    {
        Stage(db, events.OfType<IAuditedEvent>());
        await db.SaveChangesAsync(cancellationToken);
        await RaiseAsync(events, cancellationToken);
    }

    public Task CommitAsync<TEvent>(DbContext db, TEvent @event, CancellationToken cancellationToken = default) where TEvent : ISchoolEvent
        => CommitAsync<TEvent>(db, [@event], cancellationToken);

    /// <summary>
    /// Runs <paramref name="change"/>, which may save <paramref name="db"/> more than once (ASP.NET Core Identity's managers
    /// do), and saves the audit entries of the events it returns, all in one transaction; then raises them. A change that
    /// returns no events is committed as it is.
    /// </summary>
    public async Task<IReadOnlyList<TEvent>> CommitAsync<TEvent>(DbContext db, Func<Task<IReadOnlyList<TEvent>>> change, CancellationToken cancellationToken = default)
        where TEvent : ISchoolEvent
    {
        IReadOnlyList<TEvent> raised;
        await using (var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null)
        {
            raised = await change();
            Stage(db, raised.OfType<IAuditedEvent>());
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        await RaiseAsync(raised, cancellationToken);
        return raised;
    }

    /// <summary>Whether this event's audit entry was saved with its change (and so is already on its way to the chain).</summary>
    public bool IsStaged(ISchoolEvent @event) => _staged.Contains(@event);

    public Task RaiseAsync<TEvent>(TEvent @event, CancellationToken cancellationToken = default) where TEvent : ISchoolEvent
        => RaiseAsync<TEvent>([@event], cancellationToken);

    public Task RaiseAsync<TEvent>(IReadOnlyList<TEvent> events, CancellationToken cancellationToken = default) where TEvent : ISchoolEvent
        => DispatchAsync(events, fromOtherNode: false, cancellationToken);

    /// <summary>
    /// Handles events raised at this school on another web node: the handlers that run on every node, in the same
    /// order as there (<see cref="ISchoolEventHandler{TEvent}.EveryNode"/>), and nothing is sent on again.
    /// </summary>
    public Task RaiseFromOtherNodeAsync(Type declaredType, IReadOnlyList<ISchoolEvent> events, CancellationToken cancellationToken = default)
        => (Task)FromOtherNode.MakeGenericMethod(declaredType).Invoke(this, [events, cancellationToken])!;

    private static readonly System.Reflection.MethodInfo FromOtherNode =
        typeof(SchoolEvents).GetMethod(nameof(DispatchFromOtherNodeAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;

    private Task DispatchFromOtherNodeAsync<TEvent>(IReadOnlyList<ISchoolEvent> events, CancellationToken cancellationToken) where TEvent : ISchoolEvent
        => DispatchAsync(events.Cast<TEvent>().ToList(), fromOtherNode: true, cancellationToken);

    private async Task DispatchAsync<TEvent>(IReadOnlyList<TEvent> events, bool fromOtherNode, CancellationToken cancellationToken) where TEvent : ISchoolEvent
    {
        if (events.Count == 0)
        {
            return;
        }
        if (!fromOtherNode && events.FirstOrDefault(e => e is IAuditedEvent { Audit: not null } and not IAuditedAction && !_staged.Contains(e)) is { } unstaged)
        {
            throw new InvalidOperationException($"{unstaged.GetType().Name} is an audited change raised without its audit entry being staged: " +
                "call SchoolEvents.Stage(db, event) before saving the change, so that the entry commits with it.");
        }
        var handlers = HandlerTypes.GetOrAdd(typeof(TEvent), HandlersOf)
            .SelectMany(services.GetServices)
            .OfType<ISchoolEventHandler<TEvent>>()
            .Distinct()
            .Where(h => !fromOtherNode || h.EveryNode)
            .OrderBy(h => h.Order)
            .ToList();
        try
        {
            foreach (var handler in handlers)
            {
                await handler.HandleAsync(events, cancellationToken);
            }
        }
        finally
        {
            // The change is saved: the other nodes forget what this one forgets, even if a handler here failed.
            if (!fromOtherNode && services.GetService<TenantContext>() is { HasTenant: true } tenant)
            {
                services.GetRequiredService<INodeLink>().Publish(tenant.Tenant.Name, typeof(TEvent), events.Cast<ISchoolEvent>().ToList());
            }
        }
    }

    /// <summary>ISchoolEventHandler of the event's own type and of every event interface it implements.</summary>
    private static Type[] HandlersOf(Type eventType)
        => eventType.GetInterfaces().Where(i => typeof(ISchoolEvent).IsAssignableFrom(i) && i != typeof(ISchoolEvent))
            .Prepend(eventType)
            .Select(t => typeof(ISchoolEventHandler<>).MakeGenericType(t))
            .ToArray();
}

public static class SchoolEventServices
{
    /// <summary>Registers a handler (scoped) for every kind of event it handles.</summary>
    public static IServiceCollection AddEventHandler<THandler>(this IServiceCollection services) where THandler : class
    {
        services.TryAddScoped<THandler>();
        var handled = typeof(THandler).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISchoolEventHandler<>)).ToList();
        if (handled.Count == 0)
        {
            throw new InvalidOperationException($"{typeof(THandler).Name} handles no school event.");
        }
        foreach (var service in handled)
        {
            services.AddScoped(service, sp => sp.GetRequiredService<THandler>());
        }
        return services;
    }
}
