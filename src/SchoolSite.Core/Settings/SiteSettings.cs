using System.ComponentModel.DataAnnotations;

namespace SchoolSite.Core.Settings;

/// <summary>The kernel's own section of a school's settings: its name, its clock and when its school year starts.</summary>
public sealed record SiteSettings : IValidatableObject
{
    [Display(Name = "Site name"), Required(ErrorMessage = "Enter the site's name."), StringLength(200, ErrorMessage = "The site's name is longer than 200 characters.")]
    public string SiteName { get; init; } = "School";

    /// <summary>IANA time zone: the school's clock for school years and schedules.</summary>
    [Display(Name = "Time zone", Description = "A place name such as Europe/London."), Required(ErrorMessage = "Enter a time zone.")]
    public string TimeZone { get; init; } = "Europe/London";

    /// <summary>The school year starts on this day and month (England: 1 September).</summary>
    [Display(Name = "School year starts on day"), Range(1, 31, ErrorMessage = "The day must be between 1 and 31.")]
    public int SchoolYearStartDay { get; init; } = 1;

    [Display(Name = "School year starts in month", Description = "1 for January … 9 for September."), Range(1, 12, ErrorMessage = "The month must be between 1 and 12.")]
    public int SchoolYearStartMonth { get; init; } = 9;

    /// <summary>The school's time zone.</summary>
    public TimeZoneInfo Zone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>The date at the school at <paramref name="instant"/>.</summary>
    public DateOnly DateAt(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone()).DateTime);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(TimeZone) && !TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"'{TimeZone}' is not a known time zone (use a name such as Europe/London).", [nameof(TimeZone)]);
        }
        if (SchoolYearStartMonth is >= 1 and <= 12 && SchoolYearStartDay > DateTime.DaysInMonth(2023, SchoolYearStartMonth))
        {
            yield return new ValidationResult($"Month {SchoolYearStartMonth} has no day {SchoolYearStartDay}.", [nameof(SchoolYearStartDay)]);
        }
    }
}
