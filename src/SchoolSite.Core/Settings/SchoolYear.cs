namespace SchoolSite.Core.Settings;

/// <summary>School years run from the school's start day (1 September in England) in its own time zone.</summary>
public static class SchoolYear
{
    /// <summary>The calendar year a school year starts in: 2026 for 2026–27.</summary>
    public static int Of(DateTimeOffset instant, SiteSettings settings)
    {
        var local = TimeZoneInfo.ConvertTime(instant, settings.Zone());
        var start = new DateTime(local.Year, settings.SchoolYearStartMonth, settings.SchoolYearStartDay);
        return local.DateTime >= start ? local.Year : local.Year - 1;
    }

    /// <summary>The instant the school year starting in <paramref name="year"/> ends (the next one starts).</summary>
    public static DateTimeOffset End(int year, SiteSettings settings)
    {
        var zone = settings.Zone();
        var start = new DateTime(year + 1, settings.SchoolYearStartMonth, settings.SchoolYearStartDay, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(start, zone.GetUtcOffset(start));
    }

    public static string Label(int year) => $"{year}–{(year + 1) % 100:00}";
}
