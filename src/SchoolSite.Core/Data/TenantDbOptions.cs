using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Data;

/// <summary>
/// A school's <see cref="DbContextOptions{TContext}"/>, built once and kept in its shell: building them (connection string,
/// provider, naming convention) on every request was a measurable share of an uncached page. Built on the application's
/// root services, never a request's, since they outlive the request.
/// </summary>
public sealed class TenantDbOptions(IServiceProvider root, TenantDatabases databases)
{
    public DbContextOptions<TContext> For<TContext>(TenantContext tenant) where TContext : DbContext
        => tenant.ShellIfLoaded is { } shell && shell.Tenant.Name == tenant.Tenant.Name
            ? shell.GetOrAdd(() => new Built<TContext>(Build<TContext>(tenant.Tenant.Name))).Options
            : Build<TContext>(tenant.Tenant.Name);

    private DbContextOptions<TContext> Build<TContext>(string tenant) where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>().UseApplicationServiceProvider(root);
        databases.Configure(builder, tenant);
        return builder.Options;
    }

    private sealed record Built<TContext>(DbContextOptions<TContext> Options) where TContext : DbContext;
}
