using System.ComponentModel.DataAnnotations;

namespace SchoolSite.Consent;

/// <summary>This module's section of the school's settings.</summary>
public sealed record ConsentSettings
{
    /// <summary>Privacy-check findings (a pupil's full name, an age…) block publishing instead of only warning.</summary>
    [Display(Name = "Privacy-check findings (a pupil's full name, an age, a date of birth) stop publishing, not only warn")]
    public bool PrivacyCheckBlocksPublishing { get; init; }
}
