namespace SchoolSite.Notifications.Services;

/// <summary>The school's working days, which reminders count in (Monday to Friday; holidays are not yet known to it).</summary>
public static class SchoolCalendar
{
    /// <summary>School days after <paramref name="from"/>, up to and including <paramref name="to"/>.</summary>
    public static int SchoolDaysBetween(DateOnly from, DateOnly to)
    {
        var days = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days++;
            }
        }
        return days;
    }
}
