using SchoolSite.Core.Security;

namespace SchoolSite.AuditTrail;

public sealed class Permissions : IPermissionProvider
{
    public const string ViewAuditTrail = "ViewAuditTrail";

    IEnumerable<Permission> IPermissionProvider.Permissions => [new(ViewAuditTrail, "Search and export the audit trail", "Safeguarding")];

    public IEnumerable<PermissionStereotype> Stereotypes =>
        [new(Roles.Headteacher, [ViewAuditTrail]), new(Roles.DataProtectionOfficer, [ViewAuditTrail])];
}
