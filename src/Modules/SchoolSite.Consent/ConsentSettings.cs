using System.ComponentModel.DataAnnotations;

namespace SchoolSite.Consent;

/// <summary>This module's section of the school's settings.</summary>
public sealed record ConsentSettings
{
    /// <summary>Privacy-check findings (a pupil's full name, an age…) block publishing instead of only warning.</summary>
    [Display(Name = "Privacy-check findings (a pupil's full name, an age, a date of birth) stop publishing, not only warn")]
    public bool PrivacyCheckBlocksPublishing { get; init; }

    /// <summary>School days after a consent round's e-mail before a contact who has not answered is reminded, once.</summary>
    [Display(Name = "School days before families who have not answered the consent round are reminded"), Range(1, 30)]
    public int ConsentRoundReminderSchoolDays { get; init; } = 5;

    /// <summary>From this day (month and day, 1 June unless set) the dashboard warns what the new school year will take down.</summary>
    [Display(Name = "Month from which to warn about the new school year (1–12)"), Range(1, 12)]
    public int RolloverWarningMonth { get; init; } = 6;

    [Display(Name = "Day of that month"), Range(1, 31)]
    public int RolloverWarningDay { get; init; } = 1;
}
