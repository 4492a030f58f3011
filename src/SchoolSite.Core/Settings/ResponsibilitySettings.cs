using System.ComponentModel.DataAnnotations;

namespace SchoolSite.Core.Settings;

/// <summary>
/// Who is responsible at the school: the member of staff who, with the headteacher, looks after the website and social
/// media (shown on the dashboard, sent the weekly summary), and the designated safeguarding lead the online safety page
/// tells pupils and families to go to.
/// </summary>
public sealed record ResponsibilitySettings
{
    [Display(Name = "Member of staff responsible, with the headteacher, for the website and social media (the e-mail of their account here)"),
     EmailAddress(ErrorMessage = "Give the e-mail address of their account here."), StringLength(254)]
    public string? WebsiteLeadEmail { get; init; }

    [Display(Name = "Designated safeguarding lead (their name, as pupils and families know them)"), StringLength(100)]
    public string? SafeguardingLead { get; init; }

    [Display(Name = "How to reach the safeguarding lead (a phone number or e-mail address)"), StringLength(200)]
    public string? SafeguardingContact { get; init; }
}
