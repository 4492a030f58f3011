namespace SchoolSite.Core.Tenancy;

/// <summary>
/// The tenant this request (or this provisioning run) belongs to. Scoped: one DI container serves every
/// tenant, and everything tenant-specific is looked up from here.
/// </summary>
public sealed class TenantContext
{
    private TenantInfo? _tenant;
    private TenantShell? _shell;

    public TenantInfo Tenant => _tenant ?? throw new InvalidOperationException("No tenant has been resolved for this scope.");

    public TenantShell Shell => _shell ?? throw new InvalidOperationException("The tenant's shell is not active in this scope.");

    public bool HasTenant => _tenant is not null;

    /// <summary>The shell, when the scope has one (a shell being loaded does not yet).</summary>
    public TenantShell? ShellIfLoaded => _shell;

    public bool IsHost => Tenant.IsHost;

    public void Enter(TenantInfo tenant, TenantShell? shell)
    {
        if (_tenant is not null && _tenant.Name != tenant.Name)
        {
            throw new InvalidOperationException("A scope belongs to one tenant only.");
        }
        _tenant = tenant;
        _shell = shell;
    }
}
