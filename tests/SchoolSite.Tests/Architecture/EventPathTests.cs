using System.Reflection;
using SchoolSite.AuditTrail.Services;
using SchoolSite.Core.Events;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Tenancy;
using SchoolSite.Web;

namespace SchoolSite.Tests.Architecture;

/// <summary>
/// One event path for side effects: an in-memory index is dropped only by a handler of the school's events,
/// and only the audit trail writes audit entries (everything else raises an audited event). So nothing can
/// evict or audit around the path that will later carry events between web nodes.
/// </summary>
public sealed class EventPathTests
{
    private static readonly IReadOnlyList<Assembly> Modules = SchoolSiteHost.Modules().Select(m => m.GetType().Assembly).Distinct().ToList();

    [Fact]
    public void Only_event_handlers_drop_a_schools_cached_indexes()
    {
        var evict = typeof(TenantShell).GetMethod(nameof(TenantShell.Evict))!;
        var offenders = CallersOf(Modules.Append(typeof(SchoolSiteModule).Assembly), m => m.IsGenericMethod && m.GetGenericMethodDefinition() == evict)
            .Where(type => !type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISchoolEventHandler<>)))
            .Select(type => type.FullName).ToList();
        Assert.True(offenders.Count == 0, "These evict a school's cache outside an event handler: raise an event instead.\n" + string.Join("\n", offenders));
        Assert.NotEmpty(CallersOf(Modules, m => m.IsGenericMethod && m.GetGenericMethodDefinition() == evict));
    }

    [Fact]
    public void Only_the_audit_trail_writes_audit_entries()
    {
        var append = typeof(AuditChain).GetMethod(nameof(AuditChain.AppendAsync))!;
        var writers = CallersOf(Modules.Append(typeof(SchoolSiteModule).Assembly), m => m == append).ToList();
        Assert.NotEmpty(writers);
        Assert.All(writers, w => Assert.Equal(typeof(AuditChain).Assembly, w.Assembly));
    }

    /// <summary>The outermost types whose code calls a method matching <paramref name="called"/>.</summary>
    private static IEnumerable<Type> CallersOf(IEnumerable<Assembly> assemblies, Func<MethodInfo, bool> called)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var callers = new HashSet<Type>();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            var methods = type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all));
            if (methods.Any(m => IlCalls.MethodsCalledBy(m).Any(called)))
            {
                callers.Add(Outermost(type));
            }
        }
        return callers;
    }

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;
}
