using System.ComponentModel.DataAnnotations;

namespace SchoolSite.Policies;

/// <summary>This module's section of the school's settings.</summary>
public sealed record PoliciesSettings
{
    /// <summary>Staff who have not acknowledged a policy are reminded after this many school days, then weekly.</summary>
    [Display(Name = "Remind staff to acknowledge a policy after this many school days (then weekly)"), Range(1, 60, ErrorMessage = "Give between 1 and 60 school days.")]
    public int PolicyReminderSchoolDays { get; init; } = 5;
}
