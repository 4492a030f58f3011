using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;

namespace SchoolSite.AuditTrail;

/// <summary>The school's tamper-evident audit trail: search it, export it, and see that no entry was changed.</summary>
public sealed class Startup : SchoolSiteModule
{
    public const string AuditTrailFeature = "SchoolSite.AuditTrail";
    public const string ViewAuditTrail = "ViewAuditTrail";

    public override string Name => "SchoolSite.AuditTrail";

    public override IEnumerable<FeatureDescriptor> Features =>
        [FeatureDescriptor.Create(AuditTrailFeature, "Audit trail", "Who did what and when: consent, people, pictures, review and publishing, sign-ins and users.", "Safeguarding", "SchoolSite.Admin")];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IPermissionProvider, AuditPermissions>();
        services.AddSingleton<IAdminMenu, AuditMenu>();
    }

    private sealed class AuditPermissions : IPermissionProvider
    {
        public IEnumerable<Permission> Permissions => [new(ViewAuditTrail, "Search and export the audit trail", "Safeguarding")];

        public IEnumerable<PermissionStereotype> Stereotypes =>
            [new(Roles.Headteacher, [ViewAuditTrail]), new(Roles.DataProtectionOfficer, [ViewAuditTrail])];
    }

    private sealed class AuditMenu : IAdminMenu
    {
        public IEnumerable<AdminMenuItem> Items => [new AdminMenuItem("Audit trail", "/admin/audit", ViewAuditTrail, AuditTrailFeature, 90) { SchoolOnly = true }];
    }
}
