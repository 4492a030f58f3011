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

public sealed record Branding
{
    [Display(Name = "Logo address", Description = "A full web address, or an address on this site starting with /."),
     RegularExpression(@"^(https?://\S+|/[^/\s]\S*)$", ErrorMessage = "Give the logo's full web address (https://…) or an address on this site starting with /.")]
    public string? LogoUrl { get; init; }

    [Display(Name = "Primary colour (#rrggbb)"), Required(ErrorMessage = "Give the primary colour."),
     RegularExpression("^#[0-9a-fA-F]{6}$", ErrorMessage = "Use a colour such as #1d4f91.")]
    public string PrimaryColour { get; init; } = "#1d4f91";

    [Display(Name = "Secondary colour (#rrggbb)"), Required(ErrorMessage = "Give the secondary colour."),
     RegularExpression("^#[0-9a-fA-F]{6}$", ErrorMessage = "Use a colour such as #f2b705.")]
    public string SecondaryColour { get; init; } = "#f2b705";
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
