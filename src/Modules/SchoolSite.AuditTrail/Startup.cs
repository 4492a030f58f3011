using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.AuditTrail.Handlers;
using SchoolSite.AuditTrail.Models;
using SchoolSite.AuditTrail.Services;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;

namespace SchoolSite.AuditTrail;

/// <summary>
/// The school's tamper-evident audit trail: every audited event on the school's event path becomes an entry
/// in a hash chain in the school's own database; search it, export it, and see that no entry was changed.
/// The trail is kept whether or not the viewer (the feature) is on.
/// </summary>
public sealed class Startup : SchoolSiteModule
{
    public override string Name => "SchoolSite.AuditTrail";

    public override IEnumerable<FeatureDescriptor> Features => Manifest.Features;

    public override IEnumerable<MigrationSet> Migrations =>
        [MigrationSet.For<Migrations.M001_AuditEvents>("AuditTrail", MigrationScope.Tenant)];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<AuditDbContext>();
        services.AddScoped<AuditChain>();
        services.AddSingleton<AuditChainLocks>();
        services.AddEventHandler<AuditRecorder>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
    }
}
