using System.Globalization;

namespace SchoolSite.Statutory.Models;

/// <summary>
/// One thing a school must publish online, as the trust's recipe states it: which schools it applies to, how often it
/// must be reviewed (or by when in the year), and whether a link to a page elsewhere can meet it.
/// </summary>
public sealed record Requirement
{
    public required string Key { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }

    /// <summary>Empty: every phase.</summary>
    public IReadOnlyList<string> Phases { get; init; } = [];

    /// <summary>Empty: maintained schools and academies alike.</summary>
    public IReadOnlyList<string> Types { get; init; } = [];

    public bool SixthFormOnly { get; init; }

    /// <summary>Reviewed every so many months, counted from when the page meeting it was last reviewed or published.</summary>
    public int? ReviewEveryMonths { get; init; }

    /// <summary>Reviewed each year by this day (month and day, e.g. 15 March).</summary>
    public (int Month, int Day)? ReviewBy { get; init; }

    public bool OutsideLinkAllowed { get; init; }

    /// <summary>Where it comes on the checklist and the Key information page.</summary>
    public int Position { get; init; }

    public bool AppliesTo(StatutorySettings school)
        => (Phases.Count == 0 || Phases.Any(school.Phases.Contains))
            && (Types.Count == 0 || Types.Contains(school.Type))
            && (!SixthFormOnly || school.SixthForm);

    /// <summary>When a page reviewed on <paramref name="reviewed"/> must next be reviewed for this item; null when it has no cycle.</summary>
    public DateOnly? NextReviewAfter(DateOnly reviewed)
    {
        if (ReviewEveryMonths is { } months)
        {
            return reviewed.AddMonths(months);
        }
        if (ReviewBy is { } by)
        {
            // The first such day after the review: a statement published on 1 March meets 15 March; one from last April does not.
            var thisYear = new DateOnly(reviewed.Year, by.Month, Math.Min(by.Day, DateTime.DaysInMonth(reviewed.Year, by.Month)));
            return thisYear > reviewed ? thisYear : new DateOnly(reviewed.Year + 1, by.Month, Math.Min(by.Day, DateTime.DaysInMonth(reviewed.Year + 1, by.Month)));
        }
        return null;
    }

    /// <summary>The schedule in words, for the checklist: "every 12 months", "by 15 March each year".</summary>
    public string? ReviewWords => ReviewEveryMonths is { } months
        ? months % 12 == 0 ? (months == 12 ? "every year" : $"every {months / 12} years") : $"every {months} months"
        : ReviewBy is { } by ? $"by {new DateOnly(2000, by.Month, by.Day).ToString("d MMMM", CultureInfo.GetCultureInfo("en-GB"))} each year" : null;
}

/// <summary>The trust's requirements as stored: one row each, in the trust's database.</summary>
public sealed class RequirementRecord
{
    public required string Key { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    public string Phases { get; set; } = string.Empty;
    public string Types { get; set; } = string.Empty;
    public bool SixthFormOnly { get; set; }
    public int? ReviewEveryMonths { get; set; }

    /// <summary>"MM-DD", or null.</summary>
    public string? ReviewBy { get; set; }

    public bool OutsideLinkAllowed { get; set; }
    public int Position { get; set; }

    public Requirement ToRequirement() => new()
    {
        Key = Key, Title = Title, Description = Description,
        Phases = Phases.Split(',', StringSplitOptions.RemoveEmptyEntries), Types = Types.Split(',', StringSplitOptions.RemoveEmptyEntries),
        SixthFormOnly = SixthFormOnly, ReviewEveryMonths = ReviewEveryMonths,
        ReviewBy = ReviewBy is { Length: 5 } by ? (int.Parse(by[..2], CultureInfo.InvariantCulture), int.Parse(by[3..], CultureInfo.InvariantCulture)) : null,
        OutsideLinkAllowed = OutsideLinkAllowed, Position = Position,
    };
}

/// <summary>A day's count for one school, kept by the trust for its chart of compliance over time.</summary>
public sealed class ComplianceSnapshot
{
    /// <summary>"2026-11-30", in the trust's time zone.</summary>
    public required string Day { get; set; }
    public required string School { get; set; }
    public int Met { get; set; }
    public int Due { get; set; }
    public int Overdue { get; set; }
    public int Missing { get; set; }
}

/// <summary>What meets a requirement at a school: one of its pages, or a page elsewhere (the Ofsted report).</summary>
public sealed class StatutoryLink
{
    public long Id { get; set; }
    public required string RequirementKey { get; set; }
    public string? ContentItemId { get; set; }
    public string? OutsideUrl { get; set; }
    public string? OutsideTitle { get; set; }
    public required string LinkedBy { get; set; }
    public DateTime LinkedUtc { get; set; }
}

/// <summary>The last state a requirement was reported in to its people, so each change is reminded once.</summary>
public sealed class StatutoryReminder
{
    public required string RequirementKey { get; set; }
    public required string State { get; set; }
    public DateTime SentUtc { get; set; }
}
