namespace SchoolSite.Core.Settings;

/// <summary>A school's own settings: its name, clock, school year, branding and contact details.</summary>
public sealed record SiteSettings
{
    public string SiteName { get; init; } = "School";

    /// <summary>IANA time zone: the school's clock for school years and schedules.</summary>
    public string TimeZone { get; init; } = "Europe/London";

    /// <summary>The school year starts on this day and month (England: 1 September).</summary>
    public int SchoolYearStartDay { get; init; } = 1;

    public int SchoolYearStartMonth { get; init; } = 9;

    public Branding Branding { get; init; } = new();

    public ContactDetails Contact { get; init; } = new();

    /// <summary>Staff must enrol an authenticator app at their next sign-in.</summary>
    public bool RequireTwoFactorForStaff { get; init; }

    /// <summary>How long shared caches may keep a picture of people (it can stop being allowed at any time).</summary>
    public int PictureCacheSeconds { get; init; } = 60;

    /// <summary>Privacy-check findings (a pupil's full name, an age…) block publishing instead of only warning.</summary>
    public bool PrivacyCheckBlocksPublishing { get; init; }

    /// <summary>Publishing without approval, with a written reason, reported to the headteacher and DPO. Off unless the school turns it on.</summary>
    public bool EmergencyPublishEnabled { get; init; }

    /// <summary>After this many school days (Monday to Friday) waiting for a check or sign-off, the reviewers are reminded.</summary>
    public int ReviewReminderSchoolDays { get; init; } = 2;

    /// <summary>Staff who have not acknowledged a policy are reminded after this many school days, then weekly.</summary>
    public int PolicyReminderSchoolDays { get; init; } = 5;
}

public sealed record Branding
{
    public string? LogoUrl { get; init; }
    public string PrimaryColour { get; init; } = "#1d4f91";
    public string SecondaryColour { get; init; } = "#f2b705";
}

public sealed record ContactDetails
{
    public string? Address { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
}
