using System.ComponentModel.DataAnnotations;

namespace SchoolSite.Users;

/// <summary>This module's section of the school's settings.</summary>
public sealed record UsersSettings
{
    /// <summary>Staff must enrol an authenticator app at their next sign-in.</summary>
    [Display(Name = "Require two-factor sign-in for staff")]
    public bool RequireTwoFactorForStaff { get; init; }

    /// <summary>How long a new personal API token works; tokens already made keep the end date they were given.</summary>
    [Display(Name = "Days a new API token works", Description = "Tokens already made keep the end date they were given.")]
    [Range(1, 366, ErrorMessage = "An API token can work for 1 to 366 days.")]
    public int PersonalTokenDays { get; init; } = 90;
}
