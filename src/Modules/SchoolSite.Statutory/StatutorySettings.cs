using System.ComponentModel.DataAnnotations;
using SchoolSite.Core.Settings;

namespace SchoolSite.Statutory;

/// <summary>What kind of school this is: it decides which items the school must publish.</summary>
public sealed record StatutorySettings
{
    public const string Primary = "primary";
    public const string Secondary = "secondary";
    public const string Special = "special";
    public const string AllThrough = "all-through";
    public const string Maintained = "maintained";
    public const string Academy = "academy";

    [Display(Name = "Phase", Description = "Decides which items the school must publish online."),
     Choices("primary=Primary", "secondary=Secondary", "special=Special", "all-through=All-through (primary and secondary)")]
    public string Phase { get; init; } = Primary;

    [Display(Name = "Kind of school"), Choices("maintained=Maintained by the local authority", "academy=Academy or free school")]
    public string Type { get; init; } = Maintained;

    [Display(Name = "The school has a sixth form")]
    public bool SixthForm { get; init; }

    /// <summary>The phases this school counts as (an all-through school is both primary and secondary).</summary>
    public IReadOnlySet<string> Phases => Phase == AllThrough ? new HashSet<string> { Primary, Secondary, AllThrough } : new HashSet<string> { Phase };
}
