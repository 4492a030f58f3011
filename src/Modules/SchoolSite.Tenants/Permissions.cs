using SchoolSite.Core.Security;

namespace SchoolSite.Tenants;

public sealed class Permissions : IPermissionProvider
{
    public const string ManageTenants = "ManageTenants";
    public const string ManageApiKeys = "ManageApiKeys";

    IEnumerable<Permission> IPermissionProvider.Permissions =>
    [
        new(ManageTenants, "Create, list, disable and enable school sites", "Trust"),
        new(ManageApiKeys, "Create and revoke trust API keys", "Trust"),
    ];

    public IEnumerable<PermissionStereotype> Stereotypes => [];
}
