using SchoolSite.Core.Navigation;

namespace SchoolSite.AuditTrail;

public sealed class AdminMenu : IAdminMenu
{
    public IEnumerable<AdminMenuItem> Items =>
        [new AdminMenuItem("Audit trail", "/admin/audit", Permissions.ViewAuditTrail, Manifest.AuditTrailFeature, 90) { SchoolOnly = true, Group = AdminGroups.Settings }];
}
