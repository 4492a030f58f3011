using System.ComponentModel.DataAnnotations;

namespace SchoolSite.Workflows;

/// <summary>This module's section of the school's settings.</summary>
public sealed record WorkflowSettings
{
    /// <summary>Publishing without approval, with a written reason, reported to the headteacher and DPO. Off unless the school turns it on.</summary>
    [Display(Name = "Allow an emergency publish without approval (needs a written reason; the headteacher and DPO are told)")]
    public bool EmergencyPublishEnabled { get; init; }

    /// <summary>
    /// Whether an administrator may publish content that pictures and names no pupils without a colleague's approval. Until the
    /// school has a second member of staff this is allowed whatever the setting (nobody else could approve anything); content
    /// about pupils always needs two people.
    /// </summary>
    [Display(Name = "Let an administrator publish pages and news that show and name no pupils without a colleague's approval (content about pupils always needs two people)")]
    public bool AdministratorPublishesAlone { get; init; }

    /// <summary>After this many school days (Monday to Friday) waiting for a check or sign-off, the reviewers are reminded.</summary>
    [Display(Name = "Remind reviewers after this many school days of waiting"), Range(1, 30, ErrorMessage = "Give between 1 and 30 school days.")]
    public int ReviewReminderSchoolDays { get; init; } = 2;
}
