using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Data;

/// <summary>
/// How a module's DbContext reaches the current school's database without building options per request or holding
/// them per school: one set of options per context type (provider and naming, no database), and each context is
/// pointed at its school's database as it is made. A context made outside a school's scope has no database at all, so
/// it cannot reach another school's by mistake.
/// </summary>
public sealed class TenantDbOptions(IServiceProvider root, TenantDatabases databases)
{
    private readonly ConcurrentDictionary<Type, DbContextOptions> _options = new();
    private readonly ConcurrentDictionary<string, string> _connectionStrings = new(StringComparer.Ordinal);

    public DbContextOptions<TContext> OptionsFor<TContext>() where TContext : DbContext
        => (DbContextOptions<TContext>)_options.GetOrAdd(typeof(TContext), _ =>
        {
            var builder = new DbContextOptionsBuilder<TContext>().UseApplicationServiceProvider(root);
            databases.ConfigureWithoutDatabase(builder);
            return builder.Options;
        });

    /// <summary>A context of <typeparamref name="TContext"/> on the database of the school the scope is in.</summary>
    public TContext Create<TContext>(IServiceProvider scope) where TContext : DbContext
    {
        var context = Factory<TContext>.Create(scope, [OptionsFor<TContext>()]);
        var school = scope.GetRequiredService<TenantContext>().Tenant.Name;
        context.Database.SetConnectionString(_connectionStrings.GetOrAdd(school, databases.ConnectionString));
        return context;
    }

    private static class Factory<TContext> where TContext : DbContext
    {
        public static readonly ObjectFactory<TContext> Create = ActivatorUtilities.CreateFactory<TContext>([typeof(DbContextOptions<TContext>)]);
    }
}
