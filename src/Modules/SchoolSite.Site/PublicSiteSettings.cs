using System.ComponentModel.DataAnnotations;
using SchoolSite.Site.Services;

namespace SchoolSite.Site;

/// <summary>This module's section of the school's settings: how the public website looks and how to reach the school.</summary>
public sealed record PublicSiteSettings : IValidatableObject
{
    [Display(Name = "Branding")]
    public Branding Branding { get; init; } = new();

    [Display(Name = "Contact details")]
    public ContactDetails Contact { get; init; } = new();

    /// <summary>The theme the public site is drawn with: set by the trust in a recipe, not on the settings page.</summary>
    [Editable(false)]
    public string Theme { get; init; } = ThemeCatalog.DefaultTheme;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (validationContext.GetService(typeof(ThemeCatalog)) is ThemeCatalog themes && themes.Find(Theme) is null)
        {
            yield return new ValidationResult($"There is no theme '{Theme}'. Installed: {string.Join(", ", themes.All.Select(t => t.Name))}.", [nameof(Theme)]);
        }
    }
}

public sealed record Branding : IValidatableObject
{
    /// <summary>Why a logo must come from the school's own library, in the words a refusal uses.</summary>
    public const string UploadInstead = "The logo must be a picture in the school's own media library: a picture on another website is blocked by "
        + "the site's security policy, so it would not show. Upload the logo on the Logo page (Settings, then \"Upload or change the logo\") instead.";

    /// <summary>The media item shown as the logo. Chosen on the Logo page (or named by a recipe); shown only while it is cleared for the
    /// website and nobody can be identified in it: a logo must never be a picture of a child.</summary>
    [Display(Name = "Logo", Description = "A picture from the school's media library in which nobody can be identified."),
     UIHint(LogoHint, null, "Url", "/admin/logo", "Text", "Upload or change the logo", "Image", "/media/{0}/thumbnail"),
     RegularExpression("^[A-Za-z0-9]{6,64}$", ErrorMessage = "Choose the logo on the Logo page: the value names a picture in the media library.")]
    public string? Logo { get; init; }

    /// <summary>
    /// The older way to give a logo, kept so recipes that use it still work: only an address of a picture in this school's own
    /// library (/media/{id}/{size}) is taken. Not on the settings page.
    /// </summary>
    [Editable(false),
     RegularExpression(@"^(https?://\S+|/[^/\s]\S*)$", ErrorMessage = UploadInstead)]
    public string? LogoUrl { get; init; }

    [Display(Name = "Primary colour (#rrggbb)"), Required(ErrorMessage = "Give the primary colour."),
     RegularExpression("^#[0-9a-fA-F]{6}$", ErrorMessage = "Use a colour such as #1d4f91.")]
    public string PrimaryColour { get; init; } = "#1d4f91";

    [Display(Name = "Secondary colour (#rrggbb)"), Required(ErrorMessage = "Give the secondary colour."),
     RegularExpression("^#[0-9a-fA-F]{6}$", ErrorMessage = "Use a colour such as #f2b705.")]
    public string SecondaryColour { get; init; } = "#f2b705";

    /// <summary>How the settings page draws <see cref="Logo"/>: a preview and a link to the Logo page, not a text box.</summary>
    public const string LogoHint = "Link";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The pattern above lets a web address reach this check, so the refusal can say what to do instead.
        if (LogoUrl is { Length: > 0 } && SiteLogo.IdOf(LogoUrl) is null)
        {
            yield return new ValidationResult(UploadInstead, [nameof(LogoUrl)]);
        }
    }
}

public sealed record ContactDetails
{
    [Display(Name = "Address"), StringLength(500, ErrorMessage = "The address is longer than 500 characters.")]
    public string? Address { get; init; }

    [Display(Name = "Phone"), StringLength(50, ErrorMessage = "The phone number is longer than 50 characters.")]
    public string? Phone { get; init; }

    [Display(Name = "E-mail"), EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    public string? Email { get; init; }
}
