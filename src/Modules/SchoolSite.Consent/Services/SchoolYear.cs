using SchoolSite.Core.Settings;

namespace SchoolSite.Consent.Services;

/// <summary>School years run from the school's start day (1 September in England) in its own time zone.</summary>
public static class SchoolYear
{
    /// <summary>The calendar year a school year starts in: 2026 for 2026–27.</summary>
    public static int Of(DateTimeOffset instant, SiteSettings settings)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone));
        var start = new DateTime(local.Year, settings.SchoolYearStartMonth, settings.SchoolYearStartDay);
        return local.DateTime >= start ? local.Year : local.Year - 1;
    }

    public static string Label(int year) => $"{year}–{(year + 1) % 100:00}";
}
