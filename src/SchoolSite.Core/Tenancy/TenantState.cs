namespace SchoolSite.Core.Tenancy;

public enum TenantState
{
    Uninitialized,
    Initializing,
    Running,
    Disabled,
}
