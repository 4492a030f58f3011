using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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

    /// <summary>Several events may come at once (an import of the whole register), in the order they happened.</summary>
    Task HandleAsync(IReadOnlyList<TEvent> events, CancellationToken cancellationToken);
}

/// <summary>
/// The one event path of a school. In-process: handlers registered for the event's type, or for an
/// interface it implements (the audit trail listens for every <see cref="IAuditedEvent"/>), run in order
/// in the scope that raised it.
/// </summary>
public sealed class SchoolEvents(IServiceProvider services)
{
    private static readonly ConcurrentDictionary<Type, Type[]> HandlerTypes = new();

    public Task RaiseAsync<TEvent>(TEvent @event, CancellationToken cancellationToken = default) where TEvent : ISchoolEvent
        => RaiseAsync<TEvent>([@event], cancellationToken);

    public async Task RaiseAsync<TEvent>(IReadOnlyList<TEvent> events, CancellationToken cancellationToken = default) where TEvent : ISchoolEvent
    {
        if (events.Count == 0)
        {
            return;
        }
        var handlers = HandlerTypes.GetOrAdd(typeof(TEvent), HandlersOf)
            .SelectMany(services.GetServices)
            .OfType<ISchoolEventHandler<TEvent>>()
            .Distinct()
            .OrderBy(h => h.Order)
            .ToList();
        foreach (var handler in handlers)
        {
            await handler.HandleAsync(events, cancellationToken);
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
