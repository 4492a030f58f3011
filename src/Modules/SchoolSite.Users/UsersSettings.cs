using System.ComponentModel.DataAnnotations;

namespace SchoolSite.Users;

/// <summary>This module's section of the school's settings.</summary>
public sealed record UsersSettings
{
    /// <summary>Staff must enrol an authenticator app at their next sign-in.</summary>
    [Display(Name = "Require two-factor sign-in for staff")]
    public bool RequireTwoFactorForStaff { get; init; }
}
