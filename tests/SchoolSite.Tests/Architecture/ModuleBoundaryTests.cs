using System.Reflection;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Modules;
using SchoolSite.Web;
using Xunit.Abstractions;

namespace SchoolSite.Tests.Architecture;

/// <summary>
/// Each module owns its tables and its rules: no module reads another module's DbContext (it asks that
/// module's services), and the kernel knows no module. The table of references is printed with the test.
/// </summary>
public sealed class ModuleBoundaryTests(ITestOutputHelper output)
{
    private static readonly Assembly Kernel = typeof(SchoolSiteModule).Assembly;

    private static readonly IReadOnlyList<Assembly> ModuleAssemblies =
        SchoolSiteHost.Modules().Select(m => m.GetType().Assembly).Distinct().ToList();

    [Fact]
    public void No_module_reads_another_modules_DbContext()
    {
        var owner = ModuleAssemblies.Append(Kernel)
            .SelectMany(a => a.GetTypes().Where(t => typeof(DbContext).IsAssignableFrom(t) && !t.IsAbstract).Select(t => (Type: t, Owner: a)))
            .ToDictionary(x => x.Type, x => x.Owner);
        Assert.True(owner.Count >= 8, $"Only {owner.Count} DbContexts found: the scan is not seeing the modules.");

        var crossings = new List<string>();
        foreach (var assembly in ModuleAssemblies)
        {
            var used = DbContextsUsedBy(assembly, owner.Keys).ToList();
            // The scan must see a module's use of its own tables, or it could not see anyone else's either.
            foreach (var own in owner.Where(o => o.Value == assembly).Select(o => o.Key))
            {
                Assert.True(used.Any(u => u.Context == own), $"The scan did not see {assembly.GetName().Name} use its own {own.Name}.");
            }
            var references = assembly.GetReferencedAssemblies().Select(r => r.Name!).Where(n => n.StartsWith("SchoolSite.", StringComparison.Ordinal)).Order();
            output.WriteLine($"{assembly.GetName().Name}");
            output.WriteLine($"    references: {string.Join(", ", references)}");
            output.WriteLine($"    DbContexts: {string.Join(", ", used.Select(u => $"{u.Context.Name} (in {u.Where})"))}");
            crossings.AddRange(used.Where(u => owner[u.Context] != assembly && owner[u.Context] != Kernel)
                .Select(u => $"{assembly.GetName().Name} uses {u.Context.Name} of {owner[u.Context].GetName().Name} in {u.Where}"));
        }
        Assert.True(crossings.Count == 0, "A module reads another module's tables; ask that module's services instead:\n" + string.Join("\n", crossings));
    }

    [Fact]
    public void The_kernel_references_no_module()
    {
        var modules = ModuleAssemblies.Select(a => a.GetName().Name).ToHashSet();
        var references = Kernel.GetReferencedAssemblies().Select(r => r.Name).ToList();
        output.WriteLine("SchoolSite.Core references: " + string.Join(", ", references.Order()));
        Assert.DoesNotContain(references, modules.Contains);
        Assert.True(modules.Count >= 10, "The module list is not seeing the modules.");
    }

    [Fact]
    public void No_module_reads_the_kernels_own_tables()
    {
        // The kernel's own tables (features, settings, the registry) are reached through kernel services, not read by modules.
        var kernelContexts = Kernel.GetTypes().Where(t => typeof(DbContext).IsAssignableFrom(t)).ToList();
        var readers = ModuleAssemblies
            .SelectMany(a => DbContextsUsedBy(a, kernelContexts).Select(u => $"{a.GetName().Name} uses {u.Context.Name} in {u.Where}"))
            .ToList();
        Assert.True(readers.Count == 0, string.Join("\n", readers));
    }

    /// <summary>Every DbContext a module's code touches: in constructors, fields, parameters, locals, and the methods it calls.</summary>
    private static IEnumerable<(Type Context, string Where)> DbContextsUsedBy(Assembly assembly, IEnumerable<Type> contexts)
    {
        var wanted = contexts.ToHashSet();
        var found = new HashSet<(Type, string)>();
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in assembly.GetTypes())
        {
            var where = Outermost(type).FullName ?? type.Name;
            var touched = new List<Type>();
            touched.AddRange(type.GetFields(all).Select(f => f.FieldType));
            touched.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                touched.AddRange(method.GetParameters().Select(p => p.ParameterType));
                touched.AddRange(method.GetMethodBody()?.LocalVariables.Select(l => l.LocalType) ?? []);
                touched.AddRange(IlCalls.TypesTouchedBy(method));
            }
            foreach (var context in touched.SelectMany(Unwrap).Where(wanted.Contains))
            {
                found.Add((context, where));
            }
        }
        return found;
    }

    private static IEnumerable<Type> Unwrap(Type type)
        => type.IsGenericType ? type.GetGenericArguments().SelectMany(Unwrap).Prepend(type) : type.HasElementType ? Unwrap(type.GetElementType()!) : [type];

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;
}
