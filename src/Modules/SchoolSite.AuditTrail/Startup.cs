using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.AuditTrail.Handlers;
using SchoolSite.AuditTrail.Models;
using SchoolSite.AuditTrail.Services;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;

namespace SchoolSite.AuditTrail;

/// <summary>
/// The school's tamper-evident audit trail: every audited event on the school's event path becomes an entry
/// in a keyed hash chain in the school's own database, whose key and head the trust keeps in its own;
/// search it, export it, and see that no entry was changed or removed.
/// The trail is kept whether or not the viewer (the feature) is on.
/// </summary>
public sealed class Startup : SchoolSiteModule
{
    public override string Name => "SchoolSite.AuditTrail";

    public override IEnumerable<FeatureDescriptor> Features => Manifest.Features;

    public override IEnumerable<MigrationSet> Migrations =>
    [
        MigrationSet.For<Migrations.M001_AuditEvents>("AuditTrail", MigrationScope.Tenant),
        // The schools' keys and the heads of their chains: in the trust's database, out of reach of a school's.
        MigrationSet.For<Migrations.Host.M001_KeysAndHeads>("AuditTrail.Host", MigrationScope.Host),
    ];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<AuditDbContext>();
        services.AddTrustDbContextFactory<AuditTrustDbContext>();
        services.AddScoped<AuditChain>();
        services.AddSingleton<AuditChainLocks>();
        services.AddSingleton<AuditKeys>();
        services.AddSingleton<AuditHeads>();
        services.AddEventHandler<AuditRecorder>();
        services.AddSchoolJob<AuditOutboxJob>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
    }
}
