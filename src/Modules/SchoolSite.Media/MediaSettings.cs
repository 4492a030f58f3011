using System.ComponentModel.DataAnnotations;

namespace SchoolSite.Media;

/// <summary>This module's section of the school's settings.</summary>
public sealed record MediaSettings
{
    /// <summary>How long shared caches may keep a picture of people (it can stop being allowed at any time).</summary>
    [Display(Name = "How long other caches may keep a picture (seconds)"), Range(0, 3600, ErrorMessage = "Give between 0 and 3600 seconds.")]
    public int PictureCacheSeconds { get; init; } = 60;
}
